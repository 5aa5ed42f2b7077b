using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace PoolRuntime.Diagnostics;

/// <summary>
/// Every metric the pools emit, on the meter <c>PoolRuntime</c>, named after the OpenTelemetry database-client
/// connection-pool conventions (times in seconds) and tagged with <c>db.client.connection.pool.name</c>.
/// The counts are observable: they cost nothing on the rent and return paths and are read only when collected.
/// </summary>
internal static class PoolMetrics
{
    public const string MeterName = "PoolRuntime";
    public const string PoolNameTag = "db.client.connection.pool.name";
    public const string StateTag = "db.client.connection.state";

    private static readonly Meter Meter = new(MeterName, typeof(PoolMetrics).Assembly.GetName().Version?.ToString());

    private static readonly object RegistryLock = new();
    private static readonly List<WeakReference<IPoolStatistics>> Registry = [];

    public static readonly Counter<long> Timeouts = Meter.CreateCounter<long>(
        "db.client.connection.timeouts", "{timeout}", "The number of rents that timed out waiting for an item.");

    public static readonly Counter<long> Leaks = Meter.CreateCounter<long>(
        "db.client.connection.poolruntime.leaks", "{lease}", "Leases held longer than the pool's leak detection threshold.");

    public static readonly Histogram<double> CreateTime = Meter.CreateHistogram<double>(
        "db.client.connection.create_time", "s", "The time it took to create a new item.");

    public static readonly Histogram<double> WaitTime = Meter.CreateHistogram<double>(
        "db.client.connection.wait_time", "s", "The time it took to obtain an item from the pool.");

    public static readonly Histogram<double> UseTime = Meter.CreateHistogram<double>(
        "db.client.connection.use_time", "s", "The time between renting an item and returning it.");

    static PoolMetrics()
    {
        Meter.CreateObservableUpDownCounter("db.client.connection.count", ObserveCount, "{connection}", "The number of items that are idle or in use.");
        Meter.CreateObservableUpDownCounter("db.client.connection.max", () => Observe(static p => p.MaxSize), "{connection}", "The most items the pool allows.");
        Meter.CreateObservableUpDownCounter("db.client.connection.pending_requests", () => Observe(static p => p.WaitingCount), "{request}", "The number of callers waiting for an item.");
    }

    public static KeyValuePair<string, object?> NameTag(string poolName) => new(PoolNameTag, poolName);

    /// <summary>
    /// Records a measurement. A listener's callback runs inside Record; one that throws must not leave a waiter
    /// uncompleted or an item stranded, so its exception stops here.
    /// </summary>
    public static void Record(Histogram<double> histogram, double value, KeyValuePair<string, object?> tag)
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

    /// <inheritdoc cref="Record(Histogram{double}, double, KeyValuePair{string, object?})"/>
    public static void CountTimeout(KeyValuePair<string, object?> tag) => Count(Timeouts, tag);

    /// <inheritdoc cref="Record(Histogram{double}, double, KeyValuePair{string, object?})"/>
    public static void CountLeak(KeyValuePair<string, object?> tag) => Count(Leaks, tag);

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
