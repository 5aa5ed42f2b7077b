using System.Text.Json;

namespace PoolBenchmark;

/// <summary>
/// <c>--from results.json</c>: reports an earlier run again with this version's report (its table, results.md and
/// chart.svg), from the settings and results the file recorded, without running anything. The data file itself is
/// left as it is.
/// </summary>
public static class SavedRun
{
    public static int ReportAgain(BenchmarkOptions options)
    {
        var path = options.From!;
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"--from: there is no file '{path}'. Pass the results.json an earlier run wrote, or its folder.");
            return 2;
        }

        (BenchmarkOptions Options, List<ConfigResult> Results, string Machine, DateTime Started) saved;
        try
        {
            saved = Load(path, options);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
        {
            Console.Error.WriteLine($"--from: '{path}' is not a results.json this benchmark wrote ({error.Message}).");
            return 2;
        }

        Console.WriteLine(Report.Table(saved.Results, saved.Options));
        Report.Write(saved.Results, saved.Options, saved.Machine, saved.Started, withData: false);
        Console.WriteLine($"Report written to {Path.GetFullPath(saved.Options.Output)}: results.md, chart.svg, chart.png");
        return 0;
    }

    private static (BenchmarkOptions Options, List<ConfigResult> Results, string Machine, DateTime Started) Load(string path, BenchmarkOptions options)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var results = root.GetProperty("results").EnumerateArray()
            .Select(result => result.GetProperty("r").Deserialize<ConfigResult>() ?? throw new InvalidDataException("a result is null"))
            .ToList();
        if (results.Count == 0)
        {
            throw new InvalidDataException("it holds no results");
        }

        var unknown = results.Select(r => r.Pool).Distinct().Except(BenchmarkOptions.KnownPools).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"unknown pools {string.Join(", ", unknown)}");
        }

        var settings = root.GetProperty("settings");
        var saved = options.WithSettings(
            settings.TryGetProperty("Client", out var client) ? KnownClient(client.GetString()) : BenchmarkOptions.MultiplexerClient, // runs before --client existed
            settings.GetProperty("Workers").GetInt32(),
            [.. settings.GetProperty("Sizes").EnumerateArray().Select(size => size.GetInt32())],
            [.. settings.GetProperty("Pools").EnumerateArray().Select(pool => pool.GetString()!)],
            settings.TryGetProperty("Repeat", out var repeat) ? repeat.GetInt32() : results.Max(r => r.Round), // runs before --repeat existed
            TimeSpan.FromSeconds(settings.GetProperty("timeoutSeconds").GetDouble()),
            TimeSpan.FromSeconds(settings.GetProperty("durationSeconds").GetDouble()),
            settings.TryGetProperty("Load", out var load) ? load.GetInt32() : 0); // runs before --load existed
        return (saved, results, root.GetProperty("machine").GetString()!, root.GetProperty("started").GetDateTime());
    }

    private static string KnownClient(string? client) =>
        client is BenchmarkOptions.MultiplexerClient or BenchmarkOptions.SocketClient ? client : throw new InvalidDataException($"unknown client '{client}'");
}
