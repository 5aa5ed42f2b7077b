using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using PoolRuntime.Internal;
using PoolRuntime.Waiting;

namespace PoolRuntime;

// The BlockingCollection<T>-shaped surface: the verbs a hand-written blocking pool already calls, so that swapping its
// type to AsyncPool<T> keeps the code compiling. Add is both "put a new item in" and "give a taken item back".
public sealed partial class AsyncPool<T>
{
    /// <summary>
    /// Puts an item into the pool: gives back an item taken with <see cref="Take"/>/<see cref="TakeAsync"/>/<see cref="TryTake(out T)"/>,
    /// or adds a new one. Throws <see cref="InvalidOperationException"/> when the item is already idle in the pool (a
    /// double return) or the pool already holds <see cref="MaxSize"/> items.
    /// </summary>
    public void Add(T item) => AddCore(item, throwWhenFull: true);

    /// <summary>Like <see cref="Add"/>, but returns <see langword="false"/> instead of throwing when the pool is full.</summary>
    public bool TryAdd(T item) => AddCore(item, throwWhenFull: false);

    /// <summary>
    /// Takes an item, blocking the calling thread up to <see cref="WaitTimeout"/>. For synchronous code only: in async
    /// code use <see cref="TakeAsync"/>, which waits without holding a thread.
    /// </summary>
    public T Take(CancellationToken cancellationToken = default) => WaitSynchronously(TakeAsync(cancellationToken))!;

    /// <summary>Takes an idle item if there is one; never waits (see <see cref="TryRent"/>).</summary>
    public bool TryTake(out T item)
    {
        var found = TryRent(out var lease);
        item = found ? lease.Value : null!;
        return found;
    }

    /// <summary>Takes an item, blocking the calling thread up to <paramref name="timeout"/>; <see langword="false"/> on timeout. For synchronous code only.</summary>
    public bool TryTake(out T item, TimeSpan timeout) => TryTake(out item, timeout, CancellationToken.None);

    /// <summary>Takes an item, blocking the calling thread up to <paramref name="millisecondsTimeout"/> (-1: for ever); <see langword="false"/> on timeout. For synchronous code only.</summary>
    public bool TryTake(out T item, int millisecondsTimeout)
        => TryTake(out item, OptionsValidator.FromMilliseconds(millisecondsTimeout, nameof(millisecondsTimeout)), CancellationToken.None);

    /// <summary>As <see cref="TryTake(out T, int)"/>, also ending the wait when <paramref name="cancellationToken"/> fires.</summary>
    public bool TryTake(out T item, int millisecondsTimeout, CancellationToken cancellationToken)
        => TryTake(out item, OptionsValidator.FromMilliseconds(millisecondsTimeout, nameof(millisecondsTimeout)), cancellationToken);

    /// <summary>As <see cref="TryTake(out T, TimeSpan)"/>, also ending the wait when <paramref name="cancellationToken"/> fires.</summary>
    public bool TryTake(out T item, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var taken = WaitSynchronously(TryTakeAsync(timeout, cancellationToken));
        item = taken!;
        return taken is not null;
    }

    /// <summary>
    /// Takes an item, waiting up to <see cref="WaitTimeout"/> without blocking a thread; throws
    /// <see cref="PoolExhaustedException"/> on timeout. Give it back with <see cref="Add"/>.
    /// </summary>
    public ValueTask<T> TakeAsync(CancellationToken cancellationToken = default)
    {
        if (_core.TryRentFast(cancellationToken, out var item))
        {
            return new ValueTask<T>(item.Value);
        }

        var start = _core.StartRent(WaitKind.Take, WaitTimeout, cancellationToken);
        if (start.Waiter is { } waiter)
        {
            return new ValueTask<T>((IValueTaskSource<T>)(object)waiter, waiter.Version);
        }

        return start.Lease.IsCompletedSuccessfully ? new ValueTask<T>(start.Lease.Result.Value) : ValueOfAsync(start.Lease);
    }

    /// <summary>
    /// Takes an item, waiting up to <paramref name="timeout"/> without blocking a thread; <see langword="null"/> on
    /// timeout, with no exception thrown anywhere. Give it back with <see cref="Add"/>.
    /// </summary>
    public ValueTask<T?> TryTakeAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        OptionsValidator.CheckTimeout(timeout, nameof(timeout));
        if (_core.TryRentFast(cancellationToken, out var item))
        {
            return new ValueTask<T?>(item.Value);
        }

        var start = _core.StartRent(WaitKind.TryTake, timeout, cancellationToken);
        if (start.Waiter is { } waiter)
        {
            return new ValueTask<T?>(waiter, waiter.Version);
        }

        if (start.IsTimedOut)
        {
            return default;
        }

        return start.Lease.IsCompletedSuccessfully ? new ValueTask<T?>(start.Lease.Result.Value) : ValueOrNullAsync(start.Lease);
    }

    /// <summary>As <see cref="TryTakeAsync(TimeSpan, CancellationToken)"/>, with a timeout in milliseconds (-1: for ever).</summary>
    public ValueTask<T?> TryTakeAsync(int millisecondsTimeout, CancellationToken cancellationToken = default)
        => TryTakeAsync(OptionsValidator.FromMilliseconds(millisecondsTimeout, nameof(millisecondsTimeout)), cancellationToken);

    private static TResult WaitSynchronously<TResult>(ValueTask<TResult> pending)
        => pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private static async ValueTask<T> ValueOfAsync(ValueTask<PoolLease<T>> lease) => (await lease.ConfigureAwait(false)).Value;

    private static async ValueTask<T?> ValueOrNullAsync(ValueTask<PoolLease<T>> lease)
    {
        try
        {
            return (await lease.ConfigureAwait(false)).Value;
        }
        catch (PoolExhaustedException)
        {
            return null; // only on the rare validate-then-wait path; the usual timeout returns null without throwing
        }
    }

    private bool AddCore(T value, bool throwWhenFull) =>
        value is null ? throw new ArgumentNullException(nameof(value), "A pool holds items, not null.") : _core.Add(value, throwWhenFull);
}
