namespace PoolRuntime.Items;

/// <summary>Where an item is in its life.</summary>
internal enum ItemState
{
    Idle,
    InUse,
    Removed,
}

/// <summary>
/// The pool's record of one live item. A lease holds this record and the lease id it was handed; every rent and every
/// return moves <see cref="LeaseId"/> on, so a stale copy of a lease can neither return nor read an item that has since
/// gone to someone else. The fields are written under the pool's lock, with one exception: the lock-free rent
/// (<c>PoolCore.TryRentFast</c>) marks the item it popped as rented (<see cref="MarkRented"/>, <see cref="RentedAt"/>)
/// without the lock. It owns the item from its pop on, and nothing under the lock reads those fields of an item that is
/// neither idle in the stack nor known to be rented, except the DEBUG invariant check, which reads the state once.
/// </summary>
internal sealed class PooledItem<T>
    where T : class
{
    public PooledItem(AsyncPool<T> pool, T value, long createdAt, long expiresAt)
    {
        Pool = pool;
        Value = value;
        ExpiresAt = expiresAt;
        LastReturnedAt = createdAt;
    }

    public AsyncPool<T> Pool { get; }

    public T Value { get; }

    public ItemState State { get; set; } = ItemState.Idle;

    /// <summary>Moved on by every rent and every return: a lease is current only while its id equals this one.</summary>
    public long LeaseId { get; set; }

    /// <summary>Timestamp after which the item is past its (jittered) MaxLifetime; <see cref="long.MaxValue"/> when none.</summary>
    public long ExpiresAt { get; }

    /// <summary>Timestamp of the last return; drives idle trimming and the validation bypass window.</summary>
    public long LastReturnedAt { get; set; }

    /// <summary>Timestamp of the current rent, kept only while the use-time metric is listened to.</summary>
    public long RentedAt { get; set; }

    /// <summary>With leak detection on: where the current lease was rented, and whether it was already reported.</summary>
    public string? RentStack { get; set; }

    public bool LeakReported { get; set; }

    /// <summary>Moves the item to <see cref="ItemState.InUse"/> under a new lease id and returns that id.</summary>
    public long MarkRented()
    {
        State = ItemState.InUse;
        LeakReported = false;
        return ++LeaseId;
    }

    /// <summary>Moves the item back to <see cref="ItemState.Idle"/>; every lease handed out so far becomes stale.</summary>
    public void MarkIdle(long now)
    {
        State = ItemState.Idle;
        LeaseId++;
        LastReturnedAt = now;
    }
}
