using System;
using System.Collections.Generic;
using System.Threading;
using PoolRuntime.Core;
using PoolRuntime.Creation;
using PoolRuntime.Diagnostics;
using PoolRuntime.Internal;
using PoolRuntime.Items;

namespace PoolRuntime.Maintenance;

/// <summary>
/// The pool's background housekeeping: a periodic timer that reports leases held past the leak threshold, trims items
/// idle longer than IdleTimeout (oldest first, never below MinSize, within one period after the timeout), drops items
/// past their MaxLifetime, and tops the pool back up to MinSize. This type owns the schedule and the policy; the pass
/// changes the pool's state through <see cref="PoolCore{T}.Maintain"/>, under the pool's lock, one pass at a time.
/// </summary>
internal sealed class PoolMaintenance<T> : IDisposable
    where T : class
{
    private static readonly TimeSpan ShortestPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromSeconds(30);

    private readonly PoolCore<T> _core;
    private readonly ItemCreation<T>? _creation;
    private readonly ItemDisposer<T> _disposer;
    private readonly Action<PoolLeakEventArgs> _reportLeak;
    private readonly KeyValuePair<string, object?> _nameTag;
    private readonly Func<PooledItem<T>, long, bool, bool> _shouldRemove;
    private readonly ITimer _timer;
    private readonly long _idleTimeoutTicks;

    public PoolMaintenance(
        PoolCore<T> core,
        ItemCreation<T>? creation,
        ItemDisposer<T> disposer,
        string poolName,
        Action<PoolLeakEventArgs> reportLeak,
        TimeSpan? idleTimeout,
        TimeSpan? maxLifetime,
        TimeSpan? leakThreshold)
    {
        _core = core;
        _creation = creation;
        _disposer = disposer;
        _reportLeak = reportLeak;
        _nameTag = PoolMetrics.NameTag(poolName);
        _shouldRemove = ShouldRemove;
        Period = ChoosePeriod(idleTimeout, maxLifetime, leakThreshold);

        // Items are stamped on return with the time of the last pass (see PoolCore's ReturnTimestamp), up to one period
        // early: wait one period more, so an item is trimmed at most one period late and never early.
        _idleTimeoutTicks = idleTimeout is { } idle
            ? TimeConversions.ToTimestampTicks(idle + Period, core.Time.TimestampFrequency)
            : long.MaxValue;
        _timer = Timers.CreateUnflowed(core.Time, static state => ((PoolMaintenance<T>)state!).RunPass(), this, Period, Period);
    }

    public TimeSpan Period { get; }

    /// <summary>Whether a pool with these settings needs housekeeping at all.</summary>
    public static bool IsNeeded(TimeSpan? idleTimeout, TimeSpan? maxLifetime, int minSize, TimeSpan? leakThreshold) =>
        idleTimeout is not null || maxLifetime is not null || minSize > 0 || leakThreshold is not null;

    /// <summary>Whether an idle item should go: past its lifetime, or idle too long while the pool is above MinSize.</summary>
    public bool ShouldRemove(PooledItem<T> item, long now, bool aboveMinSize) =>
        now >= item.ExpiresAt || (aboveMinSize && now - item.LastReturnedAt >= _idleTimeoutTicks);

    public void Dispose() => _timer.Dispose();

    /// <summary>One pass, on the timer's thread.</summary>
    private void RunPass()
    {
        var now = _core.Time.GetTimestamp();
        var removed = new List<PooledItem<T>>();
        if (!_core.Maintain(now, _shouldRemove, removed, out var leaks, out var toCreate))
        {
            return;
        }

        foreach (var item in removed)
        {
            _disposer.Dispose(item.Value);
        }

        _creation?.StartTopUp(toCreate);
        if (leaks is null)
        {
            return;
        }

        foreach (var leak in leaks)
        {
            PoolMetrics.Leaked(_nameTag);
            try
            {
                _reportLeak(leak);
            }
#pragma warning disable CA1031 // A faulty handler must not stop the pool's housekeeping.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    // Often enough that an item outlives its idle timeout or lifetime by at most a quarter of it, within 1 to 30 s.
    private static TimeSpan ChoosePeriod(TimeSpan? idleTimeout, TimeSpan? maxLifetime, TimeSpan? leakThreshold)
    {
        var shortest = LongestPeriod;
        foreach (var limit in new[] { idleTimeout, maxLifetime, leakThreshold })
        {
            if (limit is { } value && value.Ticks / 4 < shortest.Ticks)
            {
                shortest = TimeSpan.FromTicks(value.Ticks / 4);
            }
        }

        return shortest < ShortestPeriod ? ShortestPeriod : shortest;
    }
}
