using System.Collections.Generic;
using System.Threading;
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
    }
}
