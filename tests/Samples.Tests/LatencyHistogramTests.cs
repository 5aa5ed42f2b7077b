using System.Diagnostics;
using PoolBenchmark;

namespace Samples.Tests;

/// <summary>The benchmark's latency histogram: a percentile is read back at most 20% above the true value, never below it, and the mean exactly.</summary>
public class LatencyHistogramTests
{
    [Fact]
    public void A_percentile_is_the_upper_edge_of_its_bucket_from_sub_microsecond_to_seconds()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 97; i++)
        {
            histogram.Record(Ticks(microseconds: 0.79)); // truncated to 0.7 us by a TimeSpan, which counts 100 ns steps
        }

        histogram.Record(Ticks(microseconds: 3_000));
        histogram.Record(Ticks(microseconds: 1_000_000));
        histogram.Record(Ticks(microseconds: 1_000_000));

        Assert.InRange(histogram.PercentileMicroseconds(0)!.Value, 0.79, 0.79 * 1.2);
        Assert.InRange(histogram.PercentileMicroseconds(0.5)!.Value, 0.79, 0.79 * 1.2);
        Assert.InRange(histogram.PercentileMicroseconds(0.98)!.Value, 3_000, 3_000 * 1.2);
        Assert.InRange(histogram.PercentileMicroseconds(0.99)!.Value, 1_000_000, 1_000_000 * 1.2);
        Assert.InRange(histogram.PercentileMicroseconds(1)!.Value, 1_000_000, 1_000_000 * 1.2);

        // The mean is exact (to the clock's resolution): (97 x 0.79 + 3,000 + 2,000,000) / 100.
        Assert.Equal(((97 * 0.79) + 3_000 + 2_000_000) / 100, histogram.MeanMicroseconds()!.Value, precision: 1);
    }

    [Fact]
    public async Task Concurrent_recordings_are_all_counted()
    {
        var histogram = new LatencyHistogram();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                histogram.Record(Ticks(microseconds: 5));
            }
        })));

        Assert.Equal(40_000, histogram.Count);
        Assert.Equal(5, histogram.MeanMicroseconds()!.Value, precision: 3);
        Assert.InRange(histogram.PercentileMicroseconds(1)!.Value, 5, 5 * 1.2);
    }

    [Fact]
    public void An_empty_histogram_has_no_percentile_and_no_mean()
    {
        Assert.Null(new LatencyHistogram().PercentileMicroseconds(0.5));
        Assert.Null(new LatencyHistogram().MeanMicroseconds());
    }

    private static long Ticks(double microseconds) => (long)Math.Round(microseconds * Stopwatch.Frequency / 1_000_000);
}
