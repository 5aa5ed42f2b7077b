using PoolBenchmark;

namespace Samples.Tests;

/// <summary>
/// The benchmark's summary from made-up rounds: how it pairs rounds, names the best alternative, and takes each pool's
/// figures from its median round.
/// </summary>
public class PoolBenchmarkReportTests
{
    private static readonly BenchmarkOptions Options = BenchmarkOptions.Parse(["--sizes", "10", "--pools", "async,semaphore,channel", "--repeat", "3"]);

    [Fact]
    public void Each_alternative_is_compared_round_by_round_on_its_own()
    {
        // Semaphore is the better alternative by its median round (110 against 100); channel leads it in round 2.
        // Each is paired with async round by round: the better of the two in each round (110, 125, 150) would make
        // 0.95, 0.83, 0.71, a comparison against a luckier pool than either.
        var table = Report.Table(
        [
            Result("async", 1, 105, bytesPerRequest: 100), Result("semaphore", 1, 110, bytesPerRequest: 300), Result("channel", 1, 90, bytesPerRequest: 200),
            Result("async", 2, 104, bytesPerRequest: 120), Result("semaphore", 2, 100, bytesPerRequest: 320), Result("channel", 2, 125, bytesPerRequest: 220),
            Result("async", 3, 106, bytesPerRequest: 80), Result("semaphore", 3, 150, bytesPerRequest: 280), Result("channel", 3, 100, bytesPerRequest: 180),
        ], Options);

        Assert.Contains("- 10 connections (best alternative: semaphore):", table, StringComparison.Ordinal);
        Assert.Contains("async / semaphore = 0.95, 1.04, 0.71 (median 0.95, async ahead or level in 1 of 3)", table, StringComparison.Ordinal);
        Assert.Contains("async / channel = 1.17, 0.83, 1.06 (median 1.06, async ahead or level in 2 of 3)", table, StringComparison.Ordinal);

        // Every column of a row comes from the pool's median round by throughput: round 1 for async (105 of 104-106)
        // and for semaphore (110 of 100-150), whose allocations and collections differ from their other rounds'.
        Assert.Contains("| 10 | async | 105 req/s (104-106) | 100.0 % |  |  | n/a / n/a | 0.8 µs / 50 µs | 140 µs / 150 µs | 0 | 100 B | 10 | 2.10 | 0.20 |  |", table, StringComparison.Ordinal);
        Assert.Contains("| 10 | semaphore | 110 req/s (100-150) | 100.0 % |  |  | n/a / n/a | 2.4 µs / 150 µs | 420 µs / 450 µs | 0 | 300 B | 30 | 2.30 | 0.60 |  |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Six_or_more_rounds_say_whether_the_median_ratio_separates_the_pools()
    {
        // AsyncPool is ahead of semaphore in every round (1.11), which six rounds separate from level; against channel
        // it is ahead in half the rounds, which they cannot rank.
        double[] channel = [80, 125, 90, 110, 95, 105];
        var table = Report.Table(
            [.. channel.SelectMany((throughput, i) => new[] { Result("async", i + 1, 100, 100), Result("semaphore", i + 1, 90, 100), Result("channel", i + 1, throughput, 100) })],
            Options);

        Assert.Contains("async / semaphore = 1.11, 1.11, 1.11, 1.11, 1.11, 1.11 (median 1.11, async ahead or level in 6 of 6; the median's 95% interval, 1.11-1.11, puts async ahead)", table, StringComparison.Ordinal);
        Assert.Contains("async / channel = 1.25, 0.80, 1.11, 0.91, 1.05, 0.95 (median 1.00, async ahead or level in 3 of 6; the median's 95% interval, 0.80-1.25, does not separate them)", table, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interval_bound_just_off_1_shows_which_side_it_is_on()
    {
        // Ratios 1.002 to 1.3: every round has AsyncPool ahead, and "1.00-1.30 puts async ahead" would read as a contradiction.
        double[] semaphore = [499, 480, 470, 460, 450, 385];
        var table = Report.Table([.. semaphore.SelectMany((throughput, i) => new[] { Result("async", i + 1, 500, 100), Result("semaphore", i + 1, throughput, 100) })], Options);

        Assert.Contains("the median's 95% interval, 1.002-1.30, puts async ahead)", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Rounds_that_all_favour_the_alternative_put_AsyncPool_behind()
    {
        var table = Report.Table([.. Enumerable.Range(1, 7).SelectMany(round => new[] { Result("async", round, 100 - round, 100), Result("semaphore", round, 110, 100) })], Options);

        Assert.Contains("(median 0.87, async ahead or level in 0 of 7; the median's 95% interval, 0.85-0.90, puts async behind)", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Rounds_without_a_partner_and_pools_that_served_nothing_are_left_out()
    {
        var table = Report.Table(
        [
            Result("async", 1, 100, bytesPerRequest: 100), Result("semaphore", 1, 0, bytesPerRequest: 0, starved: true), Result("channel", 1, 100, bytesPerRequest: 100),
            Result("async", 2, 100, bytesPerRequest: 100), Result("channel", 2, 50, bytesPerRequest: 100),
        ], Options);

        Assert.Contains("- 10 connections (best alternative: channel):", table, StringComparison.Ordinal);
        Assert.Contains("async / channel = 1.00, 2.00 (median 1.50, async ahead or level in 2 of 2)", table, StringComparison.Ordinal);
        Assert.DoesNotContain("async / semaphore", table, StringComparison.Ordinal);
        Assert.Contains("| 10 | semaphore | 0 req/s | 0.0 % |  |  | n/a / n/a | n/a / n/a | n/a / n/a | 0 | n/a | n/a | n/a | n/a | starved |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void A_starved_pool_that_reported_shows_its_costs_and_its_ratio_to_blocking()
    {
        var options = BenchmarkOptions.Parse(["--sizes", "10", "--pools", "blocking,async"]);
        var table = Report.Table([Result("blocking", 1, 2, bytesPerRequest: 2000, starved: true), Result("async", 1, 1000, bytesPerRequest: 100)], options);

        Assert.Contains("| 10 | blocking | 2 req/s | 100.0 % |  |  | n/a / n/a | n/a / n/a | n/a / n/a | 0 | 2,000 B | 200 | 4.00 | 4.00 | starved |", table, StringComparison.Ordinal);
        Assert.Contains("| 10 | async | 1,000 req/s | 100.0 % | 500.0x |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_round_gives_its_ratios_without_a_median()
    {
        var table = Report.Table([Result("async", 1, 95, bytesPerRequest: 100), Result("semaphore", 1, 100, bytesPerRequest: 300)], Options);

        Assert.Contains("  - async / semaphore = 0.95" + Environment.NewLine, table, StringComparison.Ordinal);
        Assert.Contains("| 10 | async | 95 req/s | 100.0 % |", table, StringComparison.Ordinal);
    }

    /// <summary>
    /// A round of 10 s that served <paramref name="throughput"/> req/s and allocated <paramref name="bytesPerRequest"/>
    /// per request, with a GC per 10 B per request and 2 thread-pool items per request plus one per 1,000 B (0 bytes: a
    /// round the parent had to stop, which measured no cost, and no latencies either). Its hand-off p50 and p99 (8 ns and
    /// 0.5 us per byte), its hold's p50 and mean (1.4 and 1.5 us per byte) and its contended locks (one per 500 B)
    /// follow its allocations, so each round's figures are its own.
    /// </summary>
    private static ConfigResult Result(string pool, int round, double throughput, int bytesPerRequest, bool starved = false) => new()
    {
        Pool = pool,
        Size = 10,
        Round = round,
        Workers = 5000,
        Connections = 10,
        StartedWorkers = starved ? 10 : 5000,
        Attempts = (long)(throughput * 10),
        Ok = (long)(throughput * 10),
        ElapsedSeconds = 10,
        AllocatedBytes = (long)(throughput * 10 * bytesPerRequest),
        Collections = bytesPerRequest / 10,
        WorkItems = (long)(throughput * 10 * (2 + (bytesPerRequest / 1000.0))),
        LockContentions = (long)(throughput * 10 * bytesPerRequest / 500.0),
        Starved = starved,
        HandOffP50Us = bytesPerRequest == 0 || starved ? null : bytesPerRequest / 125.0,
        HandOffP99Us = bytesPerRequest == 0 || starved ? null : bytesPerRequest / 2.0,
        HeldP50Us = bytesPerRequest == 0 || starved ? null : bytesPerRequest * 1.4,
        HeldMeanUs = bytesPerRequest == 0 || starved ? null : bytesPerRequest * 1.5,
    };
}
