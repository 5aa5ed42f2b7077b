namespace PoolBenchmark;

/// <summary>
/// A thread-safe histogram of durations with log-scaled buckets: bucket i holds durations up to 1.2^i nanoseconds, so
/// every figure read back is within 20% of the true value, from sub-microsecond hand-offs to minutes-long waits.
/// </summary>
public sealed class LatencyHistogram
{
    private const double Growth = 1.2;
    private static readonly double LogGrowth = Math.Log(Growth);

    // 1.2^170 ns is about 9 hours: no duration the benchmark sees falls off the top.
    private readonly long[] _counts = new long[170];

    public void Record(TimeSpan duration)
    {
        var nanoseconds = Math.Max(1, duration.TotalNanoseconds);
        var bucket = Math.Min(_counts.Length - 1, (int)Math.Ceiling(Math.Log(nanoseconds) / LogGrowth));
        Interlocked.Increment(ref _counts[bucket]);
    }

    /// <summary>The duration in microseconds below which <paramref name="quantile"/> of the recorded ones fell; null when none was recorded.</summary>
    public double? PercentileMicroseconds(double quantile)
    {
        var counts = _counts.ToArray();
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var target = quantile * total;
        long seen = 0;
        var bucket = 0;
        while (bucket < counts.Length - 1 && (seen += counts[bucket]) < target)
        {
            bucket++;
        }

        return Math.Pow(Growth, bucket) / 1000;
    }
}
