using System.Text.Json;

namespace PoolBenchmark;

/// <summary>
/// <c>--from results.json</c>: reports an earlier run again with this version's report (its table, results.md and
/// chart.svg), from the settings and results the file recorded, without running anything.
/// </summary>
public static class SavedRun
{
    public static int Report(BenchmarkOptions options)
    {
        var path = options.From!;
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"--from: there is no file '{path}'. Pass the results.json an earlier run wrote.");
            return 2;
        }

        List<ConfigResult> results;
        BenchmarkOptions saved;
        string machine;
        DateTime started;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            var settings = root.GetProperty("settings");
            saved = options.WithSettings(
                settings.GetProperty("Workers").GetInt32(),
                [.. settings.GetProperty("Sizes").EnumerateArray().Select(size => size.GetInt32())],
                [.. settings.GetProperty("Pools").EnumerateArray().Select(pool => pool.GetString()!)],
                settings.GetProperty("Repeat").GetInt32(),
                TimeSpan.FromSeconds(settings.GetProperty("timeoutSeconds").GetDouble()),
                TimeSpan.FromSeconds(settings.GetProperty("durationSeconds").GetDouble()));
            machine = root.GetProperty("machine").GetString()!;
            started = root.GetProperty("started").GetDateTime();
            results = [.. root.GetProperty("results").EnumerateArray().Select(result => result.GetProperty("r").Deserialize<ConfigResult>()!)];
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Console.Error.WriteLine($"--from: '{path}' is not a results.json this benchmark wrote ({error.Message}).");
            return 2;
        }

        Console.WriteLine(PoolBenchmark.Report.Table(results, saved));
        PoolBenchmark.Report.Write(results, saved, machine, started);
        Console.WriteLine($"Results written to {Path.GetFullPath(saved.Output)}: results.md, results.json, chart.svg");
        return 0;
    }
}
