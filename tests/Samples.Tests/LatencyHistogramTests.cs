using PoolBenchmark;

namespace Samples.Tests;

/// <summary>The benchmark's latency histogram: a percentile is read back at most 20% above the true value, never below it.</summary>
public class LatencyHistogramTests
{
    [Fact]
    public void A_percentile_is_the_upper_edge_of_its_bucket_from_sub_microsecond_to_seconds()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 97; i++)
        {
            histogram.Record(TimeSpan.FromMicroseconds(0.7));
        }

        histogram.Record(TimeSpan.FromMilliseconds(3));
        histogram.Record(TimeSpan.FromSeconds(1));
        histogram.Record(TimeSpan.FromSeconds(1));

        Assert.InRange(histogram.PercentileMicroseconds(0.5)!.Value, 0.7, 0.7 * 1.2);
        Assert.InRange(histogram.PercentileMicroseconds(0.98)!.Value, 3_000, 3_000 * 1.2);
        Assert.InRange(histogram.PercentileMicroseconds(0.99)!.Value, 1_000_000, 1_000_000 * 1.2);
        Assert.InRange(histogram.PercentileMicroseconds(1)!.Value, 1_000_000, 1_000_000 * 1.2);
    }

    [Fact]
    public void An_empty_histogram_has_no_percentile()
    {
        Assert.Null(new LatencyHistogram().PercentileMicroseconds(0.5));
    }
}
