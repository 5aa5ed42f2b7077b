using System.Globalization;
using System.Text.Json;

namespace Samples.Tests;

/// <summary>
/// A short run of the main job against a real Redis (few workers, a second per configuration, two rounds): every
/// configuration reports in every round, and every output file is written. The full run is a benchmark, documented in the README, not a test.
/// </summary>
public class PoolBenchmarkSmokeTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly string[] AllPools = ["blocking", "async", "semaphore", "channel", "ideal", "shared"];

    [Fact]
    public async Task A_short_run_measures_every_pool_and_writes_every_output()
    {
        var output = Path.Combine(Path.GetTempPath(), "pool-benchmark-smoke-" + Guid.NewGuid().ToString("N"));
        var (exitCode, stdout, stderr) = await RunAsync(
            "--workers", "20", "--sizes", "3", "--repeat", "2", "--duration", "1", "--startup", "3", "--timeout", "0.5", "--redis", redis.Endpoint, "--out", output);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
        foreach (var file in new[] { "results.md", "results.json", "chart.svg", "chart.png" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing in {output}\n{stdout}");
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(12, results.Count); // 6 pools x 2 rounds
        foreach (var pool in new[] { "async", "semaphore", "channel", "ideal", "shared" })
        {
            var served = results.Where(r => r.GetProperty("r").GetProperty("Pool").GetString() == pool).ToList();
            Assert.Equal([1, 2], served.Select(r => r.GetProperty("r").GetProperty("Round").GetInt32()).Order());
            Assert.All(served, r => Assert.True(r.GetProperty("r").GetProperty("Ok").GetInt64() > 0, $"{pool} made no request\n{stdout}"));
        }

        // Pooled workers time each hand-off and each hold; 'ideal' workers hold their own connection, with no hand-off;
        // 'shared' workers hold nothing. (The blocking pool is left out: it may serve too little to hand anything off.)
        static double? Latency(JsonElement result, string name) =>
            result.GetProperty("r").GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;
        foreach (var result in results)
        {
            var pool = result.GetProperty("r").GetProperty("Pool").GetString();
            if (pool is "async" or "semaphore" or "channel")
            {
                Assert.True(Latency(result, "HandOffP50Us") is > 0 and < 1_000_000, $"{pool}: hand-off p50 {Latency(result, "HandOffP50Us")}");
                Assert.True(Latency(result, "HandOffP99Us") >= Latency(result, "HandOffP50Us"), $"{pool}: hand-off p99 below p50");
            }

            if (pool is "shared")
            {
                Assert.Null(Latency(result, "HeldP50Us"));
            }
            else if (pool is not "blocking")
            {
                Assert.True(Latency(result, "HeldP50Us") is > 0, $"{pool}: no hold measured");
            }

            if (pool is "ideal" or "shared")
            {
                Assert.Null(Latency(result, "HandOffP50Us"));
            }
        }

        // The chart names every pool in its legend and every size under its group, and the PNG is a PNG.
        var svg = await File.ReadAllTextAsync(Path.Combine(output, "chart.svg"));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.All(AllPools, pool => Assert.Matches($@">\s*{pool}\s*</text>", svg));
        Assert.Matches(@">\s*3 connections\s*</text>", svg);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, (await File.ReadAllBytesAsync(Path.Combine(output, "chart.png"))).Take(4));
        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "results.md"));
        Assert.Contains("| 3 | async |", markdown, StringComparison.Ordinal);
        Assert.Contains("median round; lowest-highest", markdown, StringComparison.Ordinal);
        Assert.Matches(@"3 connections \(best alternative: (semaphore|channel)\)", markdown);
        Assert.Matches(@"async / semaphore = [0-9.]+, [0-9.]+ \(median [0-9.]+, async ahead or level in [0-2] of 2\)", markdown);
        Assert.Matches(@"3 connections: shared = [0-9.]+x async, [0-9.]+x ideal", markdown);
        Assert.Matches(@"\| 3 \| channel \| .* \| [0-9,]+ B \| [0-9,]+ \| [0-9]+\.[0-9]{2} \| [0-9]+\.[0-9]{2} \|", markdown);
        Assert.Matches(@"\| 3 \| async \| .* \| [0-9.,]+ µs / [0-9.,]+ µs \| [0-9.,]+ µs / [0-9.,]+ µs \|", markdown);
        Assert.Contains("success throughput", stdout, StringComparison.Ordinal);

        // --from reports the saved run again, to the letter.
        var again = Path.Combine(output, "again");
        var (fromExit, fromStdout, fromStderr) = await RunAsync("--from", Path.Combine(output, "results.json"), "--out", again);
        Assert.True(fromExit == 0, $"exit {fromExit}\n{fromStdout}\n{fromStderr}");
        Assert.Equal(markdown, await File.ReadAllTextAsync(Path.Combine(again, "results.md")));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(output, "chart.svg")), await File.ReadAllTextAsync(Path.Combine(again, "chart.svg")));
        Directory.Delete(output, recursive: true);
    }

    [Fact]
    public async Task A_short_run_over_plain_sockets_measures_every_leasing_configuration_and_records_the_client()
    {
        var output = Path.Combine(Path.GetTempPath(), "pool-benchmark-socket-" + Guid.NewGuid().ToString("N"));
        var (exitCode, stdout, stderr) = await RunAsync(
            "--client", "socket", "--workers", "20", "--sizes", "2", "--duration", "1", "--startup", "3", "--timeout", "0.5", "--redis", redis.Endpoint, "--out", output);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        Assert.Equal("socket", json.RootElement.GetProperty("settings").GetProperty("Client").GetString());
        var results = json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("r")).ToList();

        // Every default configuration but 'shared', which needs a multiplexer; each leasing one served PINGs and timed its holds.
        Assert.Equal(["async", "blocking", "channel", "ideal", "semaphore"], results.Select(r => r.GetProperty("Pool").GetString()).Order());
        foreach (var result in results.Where(r => r.GetProperty("Pool").GetString() is not "blocking"))
        {
            Assert.True(result.GetProperty("Ok").GetInt64() > 0, $"{result.GetProperty("Pool").GetString()} made no request\n{stdout}");
            Assert.True(result.GetProperty("HeldP50Us").GetDouble() > 0, $"{result.GetProperty("Pool").GetString()}: no hold measured");
        }

        const string client = "each connection a plain socket speaking RESP, one command at a time (--client socket)";
        Assert.Contains(client, stdout, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "results.md"));
        Assert.Contains($"Settings: {client}, 20 workers", markdown, StringComparison.Ordinal);

        // --from reports it again as a socket run.
        var again = Path.Combine(output, "again");
        var (fromExit, fromStdout, fromStderr) = await RunAsync("--from", output, "--out", again);
        Assert.True(fromExit == 0, $"exit {fromExit}\n{fromStdout}\n{fromStderr}");
        Assert.Equal(markdown, await File.ReadAllTextAsync(Path.Combine(again, "results.md")));
        Directory.Delete(output, recursive: true);
    }

    [Theory]
    [InlineData(new[] { "--client", "socket", "--pools", "async,shared" }, "--pools shared needs --client multiplexer: a socket carries one command at a time")]
    [InlineData(new[] { "--client", "sockets" }, "--client takes one of multiplexer, socket; got 'sockets'.")]
    [InlineData(new[] { "--client", "socket", "--redis", "127.0.0.1:1,password=s3cret" }, "--client socket cannot use the Redis at 127.0.0.1:1,password=s3cret: it sets a user or password, and --client socket sends no AUTH.")]
    public async Task A_client_that_cannot_run_the_configurations_asked_for_is_explained(string[] arguments, string message)
    {
        var (exitCode, _, stderr) = await RunAsync(arguments);
        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_run_from_before_repeat_existed_is_reported_again_and_its_data_left_alone()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pool-benchmark-from-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var saved = Path.Combine(folder, "results.json");
        File.Copy(Path.Combine(TestProcesses.RepositoryRoot(), "docs", "benchmarks", "pool-benchmark-run1.json"), saved);
        var data = await File.ReadAllTextAsync(saved);

        var (exitCode, stdout, stderr) = await RunAsync("--from", folder);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
        Assert.Equal(data, await File.ReadAllTextAsync(saved));
        var markdown = await File.ReadAllTextAsync(Path.Combine(folder, "results.md"));
        Assert.Contains("| 100 | async | 49,284 req/s | 100.0 % | 228.4x |", markdown, StringComparison.Ordinal);
        Assert.Contains("Settings: each connection a StackExchange.Redis ConnectionMultiplexer, 5000 workers", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "chart.svg")));
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("/nonexistent/results.json", "--from: there is no file '/nonexistent/results.json'")]
    [InlineData("README.md", "is not a results.json this benchmark wrote")]
    public async Task A_saved_run_that_cannot_be_read_is_explained(string path, string message)
    {
        var (exitCode, _, stderr) = await RunAsync("--from", Path.IsPathRooted(path) ? path : Path.Combine(TestProcesses.RepositoryRoot(), path));
        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_refuses_options_that_would_change_a_saved_run()
    {
        var (exitCode, _, stderr) = await RunAsync("--from", "results.json", "--pools", "async");
        Assert.Equal(2, exitCode);
        Assert.Contains("--from reports a saved run as it was measured, so it takes only --out; drop --pools.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_redis_stops_the_run_before_the_first_configuration_with_one_line_that_says_why()
    {
        var output = Path.Combine(Path.GetTempPath(), "pool-benchmark-unreachable-" + Guid.NewGuid().ToString("N"));
        var (exitCode, stdout, stderr) = await RunAsync("--redis", "127.0.0.1:1", "--out", output);

        Assert.Equal(4, exitCode);
        Assert.Contains("cannot reach Redis at 127.0.0.1:1: ", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), StringComparison.Ordinal);
        Assert.DoesNotContain("[1/", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "no results for a run that never started");
    }

    [Fact]
    public async Task A_run_under_load_keeps_its_burners_running_and_busy_says_so_in_every_output_and_leaves_none_behind()
    {
        var output = Path.Combine(Path.GetTempPath(), "pool-benchmark-load-" + Guid.NewGuid().ToString("N"));
        var run = RunAsync(
            "--workers", "10", "--sizes", "1", "--pools", "async,semaphore", "--duration", "1", "--startup", "3", "--timeout", "0.5", "--load", "2", "--redis", redis.Endpoint, "--out", output);

        // While it runs, the burners are watched from outside: how many run at once, and the CPU time they used.
        var mostAtOnce = 0;
        var mostCpuTicks = 0L;
        while (!run.IsCompleted)
        {
            var burners = Burners().ToList();
            mostAtOnce = Math.Max(mostAtOnce, burners.Count);
            mostCpuTicks = Math.Max(mostCpuTicks, burners.Select(b => b.CpuTicks).DefaultIfEmpty().Max());
            await Task.WhenAny(run, Task.Delay(50));
        }

        var (exitCode, stdout, stderr) = await run;
        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(2, mostAtOnce);
            Assert.True(mostCpuTicks >= 10, $"the burners used {mostCpuTicks} clock ticks of CPU: they did not burn");
        }

        Assert.Contains("2 CPU-burning processes beside each", stdout, StringComparison.Ordinal);
        Assert.Contains("under load: 2 CPU-burning processes beside each configuration", await File.ReadAllTextAsync(Path.Combine(output, "results.md")), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        Assert.Equal(2, json.RootElement.GetProperty("settings").GetProperty("Load").GetInt32());
        Assert.Empty(Burners());
        Directory.Delete(output, recursive: true);

        // Linux: the processes running this benchmark's burner mode, with the CPU time each has used (user + system
        // clock ticks, from /proc/PID/stat; the fields after the command's closing parenthesis).
        static IEnumerable<(int Pid, long CpuTicks)> Burners()
        {
            if (!Directory.Exists("/proc"))
            {
                yield break;
            }

            foreach (var dir in Directory.GetDirectories("/proc"))
            {
                string commandLine, stat;
                try
                {
                    commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                    stat = File.ReadAllText(Path.Combine(dir, "stat"));
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    continue; // gone, or not ours to read
                }

                if (commandLine.Contains("PoolBenchmark", StringComparison.Ordinal) && commandLine.Contains("--burn-cpu", StringComparison.Ordinal))
                {
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    yield return (int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture), long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
                }
            }
        }
    }

    [Fact]
    public async Task A_bad_load_is_explained()
    {
        var (exitCode, _, stderr) = await RunAsync("--load", "-1");
        Assert.Equal(2, exitCode);
        Assert.Contains("--load takes a whole number from 0 to 64; got '-1'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_option_with_its_default_hides_the_internal_ones_and_exits_0()
    {
        var (exitCode, stdout, _) = await RunAsync("--help");
        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--client", "--workers", "--sizes", "--pools", "--timeout", "--duration", "--startup", "--repeat", "--load", "--redis", "--out", "--from" })
        {
            Assert.Contains($"  {option} <", stdout, StringComparison.Ordinal);
        }

        Assert.Contains("(default 5000;", stdout, StringComparison.Ordinal);
        Assert.Contains("(default 1,10,100)", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--child", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--burn-cpu", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_option_is_explained()
    {
        var (exitCode, _, stderr) = await RunAsync("--pools", "blocking,turbo");
        Assert.Equal(2, exitCode);
        Assert.Contains("--pools takes some of blocking, async, semaphore, channel, ideal, shared", stderr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) =>
        TestProcesses.Run(Path.GetTempPath(), TimeSpan.FromMinutes(3), "dotnet", [typeof(PoolBenchmark.BenchmarkOptions).Assembly.Location, .. arguments]);
}
