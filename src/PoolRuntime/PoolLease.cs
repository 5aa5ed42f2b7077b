using System;
using System.Threading.Tasks;
using PoolRuntime.Items;

namespace PoolRuntime;

/// <summary>
/// An item rented from an <see cref="AsyncPool{T}"/>. Dispose it to give the item back (<c>using var lease = await pool.RentAsync();</c>),
/// or call <see cref="Discard"/> first when the item is broken. Both are idempotent, and a stale copy of a lease (one
/// whose item was returned and rented again) does nothing: it can never hand back someone else's item.
/// </summary>
/// <typeparam name="T">The type of the pooled items.</typeparam>
public readonly struct PoolLease<T> : IDisposable, IAsyncDisposable, IEquatable<PoolLease<T>>
    where T : class
{
    private readonly PooledItem<T>? _item;
    private readonly long _leaseId;

    internal PoolLease(PooledItem<T> item, long leaseId)
    {
        _item = item;
        _leaseId = leaseId;
    }

    /// <summary>The rented item. Throws <see cref="ObjectDisposedException"/> once the lease was returned or discarded.</summary>
    public T Value => IsActive ? _item!.Value : throw StaleLease();

    /// <summary>Whether this lease still holds its item: it was rented and is neither returned nor discarded.</summary>
    public bool IsActive => _item is not null && _item.LeaseId == _leaseId && _item.State == ItemState.InUse;

    /// <summary>Gives the item back to the pool (or to the first waiter). Does nothing when already returned or discarded.</summary>
    public void Dispose() => _item?.Pool.Return(_item, _leaseId);

    /// <summary>Same as <see cref="Dispose"/>; never waits.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    /// <summary>
    /// Evicts the item as broken: the pool disposes it and frees its slot, so a waiter can create a replacement.
    /// Does nothing when already returned or discarded; a later <see cref="Dispose"/> (of a <c>using</c>) does nothing either.
    /// </summary>
    public void Discard() => _item?.Pool.Discard(_item, _leaseId);

    /// <inheritdoc/>
    public bool Equals(PoolLease<T> other) => ReferenceEquals(_item, other._item) && _leaseId == other._leaseId;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PoolLease<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _item is null ? 0 : (_item.GetHashCode() * 31) ^ _leaseId.GetHashCode();

    /// <summary>Compares two leases.</summary>
    public static bool operator ==(PoolLease<T> left, PoolLease<T> right) => left.Equals(right);

    /// <summary>Compares two leases.</summary>
    public static bool operator !=(PoolLease<T> left, PoolLease<T> right) => !left.Equals(right);

    private ObjectDisposedException StaleLease() => new(
        nameof(PoolLease<T>),
        _item is null
            ? "This lease is empty (default): it was never rented from a pool."
            : $"This lease of pool '{_item.Pool.Name}' was already returned or discarded; its item may now belong to another caller. Keep using the item only while the lease is active.");
}
