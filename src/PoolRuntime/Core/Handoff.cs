using System.Collections.Generic;
using PoolRuntime.Items;
using PoolRuntime.Waiting;

namespace PoolRuntime.Core;

/// <summary>
/// What a locked section of <see cref="PoolCore{T}"/> leaves to do once the lock is released: complete the waiter
/// that gets an item, fail the waiters found cancelled, dispose an item that left the pool, start a replacement,
/// record the use time.
/// </summary>
internal struct Handoff<T>
    where T : class
{
    public Waiter<T>? Target;
    public PooledItem<T>? Item;
    public List<Waiter<T>>? Canceled;
    public PooledItem<T>? Removed;
    public bool Replace;
    public long RentedAt;
}
