using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace PoolRuntime.Diagnostics;

/// <summary>
/// Every metric the pools emit, on the meter <c>PoolRuntime</c>, named after the OpenTelemetry database-client
/// connection-pool conventions (times in seconds) and tagged with <c>db.client.connection.pool.name</c>.
/// The counts are observable: they cost nothing on the rent and return paths and are read only when collected. The
/// pool records the rest through the named events below (rented, returned, timed out, created, leaked), so this file
/// lists every metric and when it is recorded.
/// </summary>
internal static class PoolMetrics
{
    public const string MeterName = "PoolRuntime";
    public const string PoolNameTag = "db.client.connection.pool.name";
    public const string StateTag = "db.client.connection.state";

    private static readonly Meter Meter = new(MeterName, typeof(PoolMetrics).Assembly.GetName().Version?.ToString());

    private static readonly object RegistryLock = new();
    private static readonly List<WeakReference<IPoolStatistics>> Registry = [];

    private static readonly Counter<long> Timeouts = Meter.CreateCounter<long>(
        "db.client.connection.timeouts", "{timeout}", "The number of rents that timed out waiting for an item.");

    private static readonly Counter<long> Leaks = Meter.CreateCounter<long>(
        "db.client.connection.poolruntime.leaks", "{lease}", "Leases held longer than the pool's leak detection threshold.");

    private static readonly Histogram<double> CreateTime = Meter.CreateHistogram<double>(
        "db.client.connection.create_time", "s", "The time it took to create a new item.");

    private static readonly Histogram<double> WaitTime = Meter.CreateHistogram<double>(
        "db.client.connection.wait_time", "s", "The time it took to obtain an item from the pool.");

    private static readonly Histogram<double> UseTime = Meter.CreateHistogram<double>(
        "db.client.connection.use_time", "s", "The time between renting an item and returning it.");

    static PoolMetrics()
    {
        Meter.CreateObservableUpDownCounter("db.client.connection.count", ObserveCount, "{connection}", "The number of items that are idle or in use.");
        Meter.CreateObservableUpDownCounter("db.client.connection.max", () => Observe(static p => p.MaxSize), "{connection}", "The most items the pool allows.");
        Meter.CreateObservableUpDownCounter("db.client.connection.pending_requests", () => Observe(static p => p.WaitingCount), "{request}", "The number of callers waiting for an item.");
    }

    public static KeyValuePair<string, object?> NameTag(string poolName) => new(PoolNameTag, poolName);

    /// <summary>
    /// Whether a timing metric (wait or use time) is listened to: only then do rents and returns read the clock for
    /// it (the rented and returned events).
    /// </summary>
    public static bool TimingListened => WaitTime.Enabled || UseTime.Enabled;

    // The events. Each is recorded from exactly one place in the pool, and none throws: a listener's callback runs
    // inside Record, and one that throws must not leave a waiter uncompleted or an item stranded.

    /// <summary>A caller got an item: it waited from <paramref name="startedAt"/> to <paramref name="now"/> (timestamps of <paramref name="time"/>; 0: unknown).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the check stays at the call site, as cheap as before the events
    public static void Rented(KeyValuePair<string, object?> pool, TimeProvider time, long startedAt, long now)
    {
        // Checked before the time is worked out: this runs on every hand-off.
        if (WaitTime.Enabled)
        {
            Record(WaitTime, Seconds(time, startedAt, now), pool);
        }
    }

    /// <summary>A caller got an idle item; it asked at <paramref name="startedAt"/> (the clock is read only while the wait time is listened to).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the check stays at the call site, as cheap as before the events
    public static void Rented(KeyValuePair<string, object?> pool, TimeProvider time, long startedAt)
    {
        if (WaitTime.Enabled)
        {
            Record(WaitTime, Seconds(time, startedAt, time.GetTimestamp()), pool);
        }
    }

    /// <summary>An item came back (or was discarded): it was rented from <paramref name="rentedAt"/> to <paramref name="now"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the check stays at the call site, as cheap as before the events
    public static void Returned(KeyValuePair<string, object?> pool, TimeProvider time, long rentedAt, long now)
    {
        if (UseTime.Enabled)
        {
            Record(UseTime, Seconds(time, rentedAt, now), pool);
        }
    }

    /// <summary>A rent gave up: its wait timeout passed, or it asked not to wait and nothing was free.</summary>
    public static void TimedOut(KeyValuePair<string, object?> pool) => Count(Timeouts, pool);

    /// <summary>The factory ran (and succeeded or failed) from <paramref name="startedAt"/> until now.</summary>
    public static void Created(KeyValuePair<string, object?> pool, TimeProvider time, long startedAt)
    {
        if (CreateTime.Enabled)
        {
            Record(CreateTime, time.GetElapsedTime(startedAt).TotalSeconds, pool);
        }
    }

    /// <summary>A lease was found held past the leak detection threshold.</summary>
    public static void Leaked(KeyValuePair<string, object?> pool) => Count(Leaks, pool);

    private static double Seconds(TimeProvider time, long from, long to) => from == 0 || to == 0 ? 0 : time.GetElapsedTime(from, to).TotalSeconds;

    private static void Record(Histogram<double> histogram, double value, KeyValuePair<string, object?> tag)
    {
        try
        {
            histogram.Record(value, tag);
        }
#pragma warning disable CA1031 // see above: the pool's state matters more than a faulty listener
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void Count(Counter<long> counter, KeyValuePair<string, object?> tag)
    {
        try
        {
            counter.Add(1, tag);
        }
#pragma warning disable CA1031 // see Record
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    public static void Register(IPoolStatistics pool)
    {
        lock (RegistryLock)
        {
            Registry.Add(new WeakReference<IPoolStatistics>(pool));
        }
    }

    public static void Unregister(IPoolStatistics pool)
    {
        lock (RegistryLock)
        {
            Registry.RemoveAll(r => !r.TryGetTarget(out var p) || ReferenceEquals(p, pool));
        }
    }

    private static List<IPoolStatistics> LivePools()
    {
        var pools = new List<IPoolStatistics>();
        lock (RegistryLock)
        {
            // A pool that was never disposed drops out here once collected.
            Registry.RemoveAll(r => !r.TryGetTarget(out _));
            foreach (var reference in Registry)
            {
                if (reference.TryGetTarget(out var pool))
                {
                    pools.Add(pool);
                }
            }
        }

        return pools;
    }

    private static IEnumerable<Measurement<int>> ObserveCount()
    {
        foreach (var pool in LivePools())
        {
            var name = NameTag(pool.Name);
            yield return new Measurement<int>(pool.IdleCount, name, new(StateTag, "idle"));
            yield return new Measurement<int>(pool.InUseCount, name, new(StateTag, "used"));
        }
    }

    private static IEnumerable<Measurement<int>> Observe(Func<IPoolStatistics, int> read)
    {
        foreach (var pool in LivePools())
        {
            yield return new Measurement<int>(read(pool), NameTag(pool.Name));
        }
    }
}
