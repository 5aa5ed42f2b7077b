using System;
using System.Threading;
using PoolRuntime.Internal;
using PoolRuntime.Items;

namespace PoolRuntime.Maintenance;

/// <summary>
/// The pool's background housekeeping: a periodic timer that reports leases held past the leak threshold, trims items idle longer than IdleTimeout (oldest first,
/// never below MinSize, within one period after the timeout), drops items past their MaxLifetime, and tops the pool back up to MinSize. The pool runs one
/// pass at a time under its lock; this type owns the schedule and the policy.
/// </summary>
internal sealed class PoolMaintenance<T> : IDisposable
    where T : class
{
    private static readonly TimeSpan ShortestPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromSeconds(30);

    private readonly ITimer _timer;
    private readonly long _idleTimeoutTicks;

    public PoolMaintenance(AsyncPool<T> pool, TimeProvider time, TimeSpan? idleTimeout, TimeSpan? maxLifetime, TimeSpan? leakThreshold)
    {
        Period = ChoosePeriod(idleTimeout, maxLifetime, leakThreshold);

        // Items are stamped on return with the time of the last pass (see AsyncPool.ReturnTimestamp), up to one period
        // early: wait one period more, so an item is trimmed at most one period late and never early.
        _idleTimeoutTicks = idleTimeout is { } idle
            ? TimeConversions.ToTimestampTicks(idle + Period, time.TimestampFrequency)
            : long.MaxValue;
        _timer = Timers.CreateUnflowed(time, static state => ((AsyncPool<T>)state!).RunMaintenance(), pool, Period, Period);
    }

    public TimeSpan Period { get; }

    /// <summary>Whether a pool with these settings needs housekeeping at all.</summary>
    public static bool IsNeeded(TimeSpan? idleTimeout, TimeSpan? maxLifetime, int minSize, TimeSpan? leakThreshold) =>
        idleTimeout is not null || maxLifetime is not null || minSize > 0 || leakThreshold is not null;

    /// <summary>Whether an idle item should go: past its lifetime, or idle too long while the pool is above MinSize.</summary>
    public bool ShouldRemove(PooledItem<T> item, long now, bool aboveMinSize) =>
        now >= item.ExpiresAt || (aboveMinSize && now - item.LastReturnedAt >= _idleTimeoutTicks);

    public void Dispose() => _timer.Dispose();

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
