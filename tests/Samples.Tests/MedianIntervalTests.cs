using PoolBenchmark;

namespace Samples.Tests;

/// <summary>
/// The median's interval from order statistics: which ranks it takes for a number of rounds, what it covers, and when
/// there are too few rounds for it.
/// </summary>
public class MedianIntervalTests
{
    [Theory]
    [InlineData(6, 1, 62.0 / 64)]                    // lowest to highest: only "all six on one side" (2 in 64) misses
    [InlineData(7, 1, 126.0 / 128)]
    [InlineData(12, 3, 1 - (2 * 79.0 / 4096))]      // P(B <= 2) = (1 + 12 + 66) / 4096
    [InlineData(21, 6, 1 - (2 * 27896.0 / 2097152))] // P(B <= 5); P(B <= 6) would miss 7.8%
    public void The_interval_runs_from_the_kth_lowest_to_the_kth_highest_value(int count, int k, double coverage)
    {
        // Values given out of order, each its own rank, so the ranks the interval took can be read from it.
        var values = Enumerable.Range(1, count).Select(rank => (double)rank).Reverse().ToList();

        Assert.True(MedianInterval.TryCompute(values, 0.95, out var interval));

        Assert.Equal(k, interval.Low);
        Assert.Equal(count + 1 - k, interval.High);
        Assert.Equal(coverage, interval.Coverage, 12);
        Assert.True(interval.Coverage >= 0.95);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Too_few_values_give_no_95_percent_interval(int count)
    {
        Assert.False(MedianInterval.TryCompute([.. Enumerable.Repeat(1.0, count)], 0.95, out _));
    }

    [Fact]
    public void Thousands_of_values_still_give_a_95_percent_interval_around_the_middle()
    {
        // 0.5^2001 underflows to 0: the binomial masses must not be computed from it.
        var values = Enumerable.Range(1, 2001).Select(rank => (double)rank).ToList();

        Assert.True(MedianInterval.TryCompute(values, 0.95, out var interval));

        Assert.Equal(2002, interval.Low + interval.High); // symmetric about the median, 1001
        Assert.InRange(interval.Low, 950, 960);            // 1001 - 1.96 * sqrt(2001) / 2 ≈ 957
        Assert.InRange(interval.Coverage, 0.95, 0.96);
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_refused_in_words()
    {
        var error = Assert.Throws<ArgumentException>(() => MedianInterval.TryCompute([1.0, double.NaN, 1.1, 0.9, 1.0, 1.2], 0.95, out _));

        Assert.StartsWith("Every value must be a finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lower_level_needs_fewer_values()
    {
        // Five values, all on one side with probability 2/32: lowest to highest covers 93.75%.
        Assert.True(MedianInterval.TryCompute([0.9, 1.2, 0.8, 1.1, 1.0], 0.9, out var interval));

        Assert.Equal(new MedianInterval(0.8, 1.2, 0.9375), interval);
    }
}
