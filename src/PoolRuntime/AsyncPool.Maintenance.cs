using System;
using System.Collections.Generic;
using System.Threading;
using PoolRuntime.Diagnostics;
using PoolRuntime.Items;

namespace PoolRuntime;

public sealed partial class AsyncPool<T>
{
    /// <summary>
    /// One housekeeping pass (see <see cref="Maintenance.PoolMaintenance{T}"/>): trims idle and expired items, tops the
    /// pool back up to MinSize, and lets go of waiter nodes a past burst left on the free list.
    /// </summary>
    internal void RunMaintenance()
    {
        var maintenance = _maintenance!;
        var now = _time.GetTimestamp();
        Volatile.Write(ref _coarseNow, now);
        var removed = new List<PooledItem<T>>();
        List<PoolLeakEventArgs>? leaks = null;
        int toCreate;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            var live = _live;
            _idle.RemoveWhere(
                item =>
                {
                    var remove = maintenance.ShouldRemove(item, now, aboveMinSize: live > _minSize);
                    live -= remove ? 1 : 0;
                    return remove;
                },
                removed);
            foreach (var item in removed)
            {
                RemoveLocked(item);
            }

            if (_leakThresholdTicks > 0)
            {
                leaks = FindLeaksLocked(now);
            }

            toCreate = System.Math.Max(0, _minSize - (_live + _creating));
            _creating += toCreate;
            _waiters.TrimFreeList(keep: 16);
        }

        foreach (var item in removed)
        {
            DisposeItem(item.Value);
        }

        for (; toCreate > 0; toCreate--)
        {
            _ = CreateInBackgroundAsync(Recipient.Idle);
        }

        ReportLeaks(leaks);
    }

    /// <summary>Leases held past the leak threshold and not reported yet, each reported once. Under the lock.</summary>
    private List<PoolLeakEventArgs>? FindLeaksLocked(long now)
    {
        List<PoolLeakEventArgs>? leaks = null;
        foreach (var item in _items.Values)
        {
            if (item.State == ItemState.InUse && !item.LeakReported && item.RentedAt != 0 && now - item.RentedAt >= _leakThresholdTicks)
            {
                item.LeakReported = true;
                (leaks ??= []).Add(new PoolLeakEventArgs(Name, _time.GetElapsedTime(item.RentedAt, now), item.RentStack ?? "(not captured)"));
            }
        }

        return leaks;
    }

    private void ReportLeaks(List<PoolLeakEventArgs>? leaks)
    {
        if (leaks is null)
        {
            return;
        }

        foreach (var leak in leaks)
        {
            PoolMetrics.CountLeak(_nameTag);
            try
            {
                LeakDetected?.Invoke(this, leak);
            }
#pragma warning disable CA1031 // A faulty handler must not stop the pool's housekeeping.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
