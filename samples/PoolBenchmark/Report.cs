using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PoolBenchmark;

/// <summary>The summary table (console and Markdown), the JSON results and the chart.</summary>
public static partial class Report
{
    private static readonly Dictionary<string, string> Colors = new()
    {
        ["blocking"] = "#d62728",
        ["async"] = "#2ca02c",
        ["semaphore"] = "#1f77b4",
        ["channel"] = "#9467bd",
        ["ideal"] = "#7f7f7f",
        ["shared"] = "#ff7f0e",
        ["async-newest"] = "#17becf",
    };

    /// <summary>The AsyncPool rows, each compared with the hand-written pools.</summary>
    private static readonly string[] AsyncPools = ["async", "async-newest"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The rows 'shared' is compared with: AsyncPool's exclusive leases, and the ceiling of exclusive leasing.</summary>
    private static readonly string[] LeasedReferences = ["async", "ideal"];

    /// <summary>
    /// One pool at one size over all its rounds: the median round's figures (the lower middle one for an even number of
    /// rounds, so that every column comes from the same round), the spread, the worst success rate.
    /// </summary>
    private sealed record Row(string Pool, int Size, double Throughput, double Lowest, double Highest, int Rounds, double SuccessRate, ConfigResult Median, bool Starved, bool Crashed);

    private static List<Row> Summarize(IReadOnlyList<ConfigResult> results) =>
    [
        .. results.GroupBy(r => (r.Size, r.Pool)).Select(g =>
        {
            var ordered = g.OrderBy(r => r.Throughput).ToList();
            var median = ordered[(ordered.Count - 1) / 2];
            return new Row(g.Key.Pool, g.Key.Size, median.Throughput, ordered[0].Throughput, ordered[^1].Throughput, ordered.Count, g.Min(r => r.SuccessRate), median, g.Any(r => r.Starved), g.Any(r => r.Crashed));
        }),
    ];

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    public static string Table(IReadOnlyList<ConfigResult> results, BenchmarkOptions options)
    {
        var rows = Summarize(results);
        var repeated = rows.Any(r => r.Rounds > 1);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| Size | Pool | Success throughput{(repeated ? " (median round; lowest-highest)" : string.Empty)} | Success rate{(repeated ? " (lowest)" : string.Empty)} | vs blocking | % of ideal | Checkout wait p50 / p99 | Hand-off p50 / p99 | Held p50 / mean | Threads (max) | Allocated / request | GCs | Thread-pool work items / request | Contended locks / request | |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var size in options.Sizes)
        {
            var blocking = rows.FirstOrDefault(r => r.Size == size && r.Pool == "blocking");
            var ideal = rows.FirstOrDefault(r => r.Size == size && r.Pool == "ideal");
            foreach (var pool in options.Pools)
            {
                if (rows.FirstOrDefault(r => r.Size == size && r.Pool == pool) is not { } r)
                {
                    continue;
                }

                var vsBlocking = blocking is null || r.Pool == "blocking" ? "" : blocking.Throughput <= 0 ? "∞ (blocking: 0)" : $"{r.Throughput / blocking.Throughput:0.0}x";
                var ofIdeal = ideal is null || ideal.Throughput <= 0 ? "" : $"{r.Throughput / ideal.Throughput:P0}";
                var spread = r.Rounds > 1 ? $" ({r.Lowest:N0}-{r.Highest:N0})" : string.Empty;
                text.AppendLine(CultureInfo.InvariantCulture, $"| {size} | {r.Pool} | {r.Throughput:N0} req/s{spread} | {r.SuccessRate:P1} | {vsBlocking} | {ofIdeal} | {Format.Ms(r.Median.WaitP50Ms)} / {Format.Ms(r.Median.WaitP99Ms)} | {Format.Us(r.Median.HandOffP50Us)} / {Format.Us(r.Median.HandOffP99Us)} | {Format.Us(r.Median.HeldP50Us)} / {Format.Us(r.Median.HeldMeanUs)} | {r.Median.ThreadsMax} | {Format.Bytes(r.Median.AllocatedBytesPerRequest)} | {(r.Median.CostMeasured ? r.Median.Collections.ToString("N0", CultureInfo.InvariantCulture) : "n/a")} | {Format.Number(r.Median.WorkItemsPerRequest)} | {Format.Number(r.Median.LockContentionsPerRequest)} | {(r.Crashed ? "crashed" : r.Starved ? "starved" : "")} |");
            }
        }

        var against = AgainstAlternatives(results, rows, options);
        if (against.Length > 0)
        {
            text.AppendLine().Append(against);
        }

        var sharing = SharedAgainstLeases(rows, options);
        if (sharing.Length > 0)
        {
            text.AppendLine().Append(sharing);
        }

        return text.ToString();
    }

    /// <summary>
    /// AsyncPool against each hand-written async pool, round by round: the pools of one round ran one after another, so
    /// a ratio within a round is steadier than a ratio of figures from different moments. Each alternative is compared
    /// on its own: a ratio against the better of two noisy runs per round would be biased against AsyncPool. The
    /// alternative with the higher throughput in the table (its median round) is named as the best one.
    /// </summary>
    private static string AgainstAlternatives(IReadOnlyList<ConfigResult> results, List<Row> rows, BenchmarkOptions options)
    {
        string[] alternatives = ["semaphore", "channel"];
        var text = new StringBuilder();
        foreach (var (asyncPool, size) in AsyncPools.Where(options.Pools.Contains).SelectMany(pool => options.Sizes.Select(size => (pool, size))))
        {
            var comparisons = alternatives
                .Select(alternative => Compare(results, size, asyncPool, alternative))
                .Where(c => c.Ratios.Count > 0)
                .OrderByDescending(c => rows.First(r => r.Size == size && r.Pool == c.Alternative).Throughput)
                .ToList();
            if (comparisons.Count == 0)
            {
                continue;
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"- {(asyncPool == "async" ? string.Empty : asyncPool + ", ")}{size} connection{(size == 1 ? "" : "s")} (best alternative: {comparisons[0].Alternative}):");
            foreach (var c in comparisons)
            {
                var rounds = string.Join(", ", c.Ratios.Select(ratio => ratio.ToString("0.00", CultureInfo.InvariantCulture)));
                var ahead = c.Ratios.Count(ratio => Math.Round(ratio, 2) >= 1); // as printed: 0.996 shows, and counts, as 1.00
                var summary = c.Ratios.Count > 1
                    ? $" (median {Median([.. c.Ratios.Order()]):0.00}, {asyncPool} ahead or level in {ahead} of {c.Ratios.Count}{Separation(c.Ratios, asyncPool)})"
                    : string.Empty;
                text.AppendLine(CultureInfo.InvariantCulture, $"  - {asyncPool} / {c.Alternative} = {rounds}{summary}");
            }
        }

        return text.Length == 0 ? string.Empty : "AsyncPool against the hand-written alternatives, round by round:" + Environment.NewLine + text;
    }

    /// <summary>
    /// Whether the rounds tell the two pools apart: the median ratio's 95% interval (<see cref="MedianInterval"/>) above
    /// 1, below 1, or holding 1. Nothing with fewer rounds than such an interval needs.
    /// </summary>
    private static string Separation(List<double> ratios, string asyncPool)
    {
        if (!MedianInterval.TryCompute(ratios, 0.95, out var interval))
        {
            return string.Empty;
        }

        var verdict = interval.Low > 1 ? $"puts {asyncPool} ahead" : interval.High < 1 ? $"puts {asyncPool} behind" : "does not separate them";
        return $"; the median's 95% interval, {Bound(interval.Low)}-{Bound(interval.High)}, {verdict}";
    }

    /// <summary>Two decimals, or as many more (up to five) as it takes to show on which side of 1 a bound just off 1 lies.</summary>
    private static string Bound(double ratio)
    {
        var decimals = 2;
        while (ratio != 1 && decimals < 5 && Math.Round(ratio, decimals) == 1)
        {
            decimals++;
        }

        return ratio.ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>What sharing the connections gives over leasing them: the shared row over AsyncPool's and over ideal's (median rounds).</summary>
    private static string SharedAgainstLeases(List<Row> rows, BenchmarkOptions options)
    {
        var text = new StringBuilder();
        foreach (var size in options.Sizes)
        {
            if (rows.FirstOrDefault(r => r.Size == size && r.Pool == "shared") is not { Throughput: > 0 } shared)
            {
                continue;
            }

            var versus = LeasedReferences
                .Select(pool => rows.FirstOrDefault(r => r.Size == size && r.Pool == pool))
                .Where(r => r is { Throughput: > 0 })
                .Select(r => $"{shared.Throughput / r!.Throughput:0.0}x {r.Pool}");
            var line = string.Join(", ", versus);
            if (line.Length > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {size} connection{(size == 1 ? "" : "s")}: shared = {line}");
            }
        }

        return text.Length == 0 ? string.Empty : "Sharing the connections (no lease) against leasing them:" + Environment.NewLine + text;
    }

    /// <summary>AsyncPool's throughput over one alternative's, one ratio per round both ran.</summary>
    private sealed record Comparison(string Alternative, List<double> Ratios);

    private static Comparison Compare(IReadOnlyList<ConfigResult> results, int size, string asyncPool, string alternative)
    {
        var ratios = new List<double>();
        foreach (var pooled in results.Where(r => r.Size == size && r.Pool == asyncPool))
        {
            if (results.FirstOrDefault(r => r.Size == size && r.Round == pooled.Round && r.Pool == alternative) is { Throughput: > 0 } other)
            {
                ratios.Add(pooled.Throughput / other.Throughput);
            }
        }

        return new Comparison(alternative, ratios);
    }

    /// <summary>This machine as the report describes it.</summary>
    public static string Machine(string redisVersion) =>
        $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, redis-server {redisVersion}";

    /// <summary>
    /// Writes results.md, chart.svg and chart.png, and results.json unless <paramref name="withData"/> is false: a saved run
    /// reported again (<c>--from</c>) keeps the data file it came from as it is.
    /// </summary>
    public static void Write(IReadOnlyList<ConfigResult> results, BenchmarkOptions options, string machine, DateTime started, bool withData = true)
    {
        Directory.CreateDirectory(options.Output);
        var settings = $"{options.ClientDescription}, {options.Workers} workers, sizes {string.Join(", ", options.Sizes)}, wait timeout {options.Timeout.TotalSeconds:0.###} s, window {options.Duration.TotalSeconds:0.###} s per configuration" +
            (options.Repeat > 1 ? $", {options.Repeat} rounds with the pools taking turns" : string.Empty) +
            (options.Load > 0 ? $", under load: {options.Load} CPU-burning process{(options.Load == 1 ? "" : "es")} beside each configuration" : string.Empty);

        var markdown = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Pool benchmark: {options.Workers} async workers PINGing Redis through a pool")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Run {started:yyyy-MM-dd HH:mm} UTC on {machine}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Settings: {settings}.")
            .AppendLine()
            .Append(Table(results, options))
            .AppendLine()
            .AppendLine("Rows: blocking (BlockingCollection), async (PoolRuntime's AsyncPool; async-newest is AsyncPool serving the newest waiter first while the oldest has waited over half the timeout), semaphore (SemaphoreSlim + ConcurrentBag) and channel (Channel<T>) are pools that lease each connection to one worker at a time; ideal is one worker per connection with no pool, the ceiling of exclusive leasing; shared is every worker sending on the same connections round-robin, with no pool and no lease, which is how StackExchange.Redis is meant to be used (a multiplexer pipelines concurrent commands).")
            .AppendLine()
            .AppendLine("Success throughput = successful PINGs per second in the window; success rate = successful / attempted checkouts. Hand-off = from a worker giving a connection back to the next worker running with it: the pool's own work plus the thread pool's scheduling of the waiter. Held = how long a worker holds the connection for one PING: the Redis round trip and the worker's resumption after it; with one connection a request's mean time is the mean hand-off plus the mean hold (the medians need not add up to it). 'starved' = the configuration's workers never all started, or its process had to be stopped from outside; 'crashed' = its process failed with an error (printed with the configuration). Allocated / request = what the benchmark process allocated in the window over its successful requests (workers, the Redis client and the pool; 'ideal' shows about what it takes with no pool, which varies a little with the load). GCs = garbage collections in the window. Thread-pool work items / request = work items the thread pool ran in the window over the successful requests: the trips through the thread pool a request takes (the Redis client's own, which 'ideal' shows, plus the pool's hand-off). Contended locks / request = lock acquisitions in the window that found the lock held by another thread (the pool's, the Redis client's and the runtime's locks; 'ideal' shows how many there are with no pool at all) over the successful requests.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Round by round: each ratio is AsyncPool's success throughput over the alternative's in the same round. With {MedianInterval.FewestFor95} or more rounds, the median ratio's 95% interval runs from the k-th lowest to the k-th highest ratio, k chosen from the binomial distribution so that the interval holds the true median with at least 95% probability whatever the rounds' distribution, as long as the rounds are independent (a sign test); an interval that holds 1 means these rounds cannot rank the two pools, and more rounds narrow it. With many comparisons in one report, about one in twenty intervals that leave out 1 can do so by chance.")
            .AppendLine()
            .AppendLine("![throughput per pool and size](chart.svg)");
        File.WriteAllText(Path.Combine(options.Output, "results.md"), markdown.ToString());
        WriteChart(results, options);
        if (!withData)
        {
            return;
        }

        var json = JsonSerializer.Serialize(
            new { started, machine, settings = new { options.Client, options.Workers, options.Sizes, options.Pools, options.Repeat, options.Load, timeoutSeconds = options.Timeout.TotalSeconds, durationSeconds = options.Duration.TotalSeconds }, results = results.Select(r => new { r, r.Throughput, r.SuccessRate, r.AllocatedBytesPerRequest }) },
            Indented);
        File.WriteAllText(Path.Combine(options.Output, "results.json"), json);
    }
}
