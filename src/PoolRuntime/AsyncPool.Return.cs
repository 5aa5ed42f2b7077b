using PoolRuntime.Items;

namespace PoolRuntime;

public sealed partial class AsyncPool<T>
{
    /// <summary>Gives a leased item back: to the oldest waiter, else to the idle stack. A stale lease id does nothing.</summary>
    internal void Return(PooledItem<T> item, long leaseId, long? stamp = null)
    {
        var now = stamp ?? ReturnTimestamp();
        var handoff = default(Handoff);
        lock (_sync)
        {
            if (!ReturnLocked(item, leaseId, now, ref handoff))
            {
                return;
            }
        }

        Finish(ref handoff, now);
    }

    /// <summary>Evicts a leased item as broken and frees its slot, so a waiter can have a new one created. A stale lease id does nothing.</summary>
    internal void Discard(PooledItem<T> item, long leaseId)
    {
        var handoff = default(Handoff);
        lock (_sync)
        {
            if (item.LeaseId != leaseId || item.State != ItemState.InUse)
            {
                return;
            }

            handoff.RentedAt = item.RentedAt;
            RemoveLocked(item);
            handoff.Removed = item;
            handoff.Replace = TryReserveReplacementLocked();
        }

        Finish(ref handoff, MetricsNeedClock ? _time.GetTimestamp() : 0);
    }

    /// <summary>
    /// The locked half of a return. An item past its lifetime, or coming back to a disposed pool, leaves the pool
    /// (and frees its slot for a waiter); any other goes to the oldest waiter or the idle stack.
    /// </summary>
    private bool ReturnLocked(PooledItem<T> item, long leaseId, long now, ref Handoff handoff)
    {
        if (item.LeaseId != leaseId || item.State != ItemState.InUse)
        {
            return false; // returned or discarded already (a second Dispose, or a stale copy of the lease)
        }

        handoff.RentedAt = item.RentedAt;
        if (_disposed || now >= item.ExpiresAt)
        {
            RemoveLocked(item);
            handoff.Removed = item;
            handoff.Replace = TryReserveReplacementLocked();
            return true;
        }

        HandOffOrIdleLocked(item, now, ref handoff);
        return true;
    }
}
