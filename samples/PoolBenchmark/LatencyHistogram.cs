using System.Diagnostics;

namespace PoolBenchmark;

/// <summary>
/// A thread-safe histogram of durations, recorded as raw <see cref="Stopwatch"/> ticks, with log-scaled buckets: bucket
/// i holds durations up to 1.2^i nanoseconds, so a percentile read back is never below the true value and at most 20%
/// above it, from sub-microsecond hand-offs to minutes-long waits. It also keeps the exact sum, for the mean: with one
/// connection a request's mean time is the mean hand-off plus the mean hold, which medians do not add up to.
/// </summary>
public sealed class LatencyHistogram
{
    private const double Growth = 1.2;
    private static readonly double LogGrowth = Math.Log(Growth);
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    // 1.2^170 ns is about 9 hours: no duration the benchmark sees falls off the top.
    private readonly long[] _counts = new long[170];
    private long _totalTicks;

    /// <summary>Records a duration given in <see cref="Stopwatch"/> ticks (the difference of two <see cref="Stopwatch.GetTimestamp"/> readings).</summary>
    public void Record(long stopwatchTicks)
    {
        var nanoseconds = Math.Max(1, stopwatchTicks * NanosecondsPerTick);
        var bucket = Math.Min(_counts.Length - 1, (int)Math.Ceiling(Math.Log(nanoseconds) / LogGrowth));
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Add(ref _totalTicks, stopwatchTicks);
    }

    /// <summary>How many durations were recorded: the buckets' counts, read when asked rather than kept on each record.</summary>
    public long Count => _counts.Sum();

    /// <summary>The mean in microseconds; null when nothing was recorded.</summary>
    public double? MeanMicroseconds()
    {
        var recorded = Count;
        return recorded == 0 ? null : Interlocked.Read(ref _totalTicks) * NanosecondsPerTick / 1000 / recorded;
    }

    /// <summary>
    /// The duration in microseconds below which <paramref name="quantile"/> of the recorded ones fell (0: the shortest
    /// bucket recorded); null when nothing was recorded.
    /// </summary>
    public double? PercentileMicroseconds(double quantile)
    {
        var counts = _counts.ToArray();
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var target = Math.Max(1, quantile * total);
        long seen = 0;
        var bucket = 0;
        while (bucket < counts.Length - 1 && (seen += counts[bucket]) < target)
        {
            bucket++;
        }

        return Math.Pow(Growth, bucket) / 1000;
    }
}
