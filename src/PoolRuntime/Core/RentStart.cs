using System.Threading.Tasks;
using PoolRuntime.Waiting;

namespace PoolRuntime.Core;

/// <summary>How a rent began: with a waiter to wrap, a lease (finished or on a slow path), or an immediate timeout.</summary>
internal readonly struct RentStart<T>
    where T : class
{
    public static readonly RentStart<T> TimedOut = new(isTimedOut: true);

    public RentStart(ValueTask<PoolLease<T>> lease) => Lease = lease;

    public RentStart(Waiter<T> waiter) => Waiter = waiter;

    private RentStart(bool isTimedOut) => IsTimedOut = isTimedOut;

    public ValueTask<PoolLease<T>> Lease { get; }

    public Waiter<T>? Waiter { get; }

    public bool IsTimedOut { get; }
}
