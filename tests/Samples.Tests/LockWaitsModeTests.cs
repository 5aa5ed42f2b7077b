using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Samples.Tests;

/// <summary>
/// The lock-waits mode of samples/PoolRuntime.Benchmarks, on a real EventPipe trace taken with the environment
/// variables its docs give: of a process whose lock waits are known, it counts them and their time; a missing trace,
/// or none, is refused in words.
/// </summary>
public class LockWaitsModeTests
{
    [Fact]
    public async Task The_calibration_process_shows_its_ten_waits_of_fifty_milliseconds()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lock-waits-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        var (calibrated, _, calibrationError) = await TestProcesses.Run(
            folder, TimeSpan.FromMinutes(2), "env",
            "DOTNET_EnableEventPipe=1", "DOTNET_EventPipeConfig=Microsoft-Windows-DotNETRuntime:0x4000:4",
            $"DOTNET_EventPipeOutputPath={Path.Combine(folder, "trace_{pid}.nettrace")}",
            "dotnet", BenchmarksAssembly(), "lock-waits-calibration");
        Assert.True(calibrated == 0, calibrationError);

        var trace = Assert.Single(Directory.GetFiles(folder, "trace_*.nettrace"));
        var (exit, stdout, stderr) = await TestProcesses.Run(folder, TimeSpan.FromMinutes(2), "dotnet", BenchmarksAssembly(), "lock-waits", trace);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var line = Regex.Match(stdout, $@"^{Regex.Escape(Path.GetFileName(trace))}: (?<count>[0-9,]+) contended lock acquisitions, (?<ms>[0-9,]+) ms waited in all, each p50 [0-9.]+ us, p99 [0-9.]+ us\s*$");
        Assert.True(line.Success, stdout);

        // The runtime may add a contention of its own at start-up; the ten waits of about 50 ms must be there.
        var count = long.Parse(line.Groups["count"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var waited = long.Parse(line.Groups["ms"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.InRange(count, 10, 20);
        Assert.InRange(waited, 450, 2_000);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_missing_trace_and_a_call_without_one_are_refused_in_words()
    {
        var missing = Path.Combine(Path.GetTempPath(), "lock-waits-" + Guid.NewGuid().ToString("N") + ".nettrace");
        var (missingExit, _, refusal) = await TestProcesses.Run(Path.GetTempPath(), TimeSpan.FromMinutes(2), "dotnet", BenchmarksAssembly(), "lock-waits", missing);
        Assert.Equal(2, missingExit);
        Assert.Contains($"lock-waits: no trace at '{missing}'; give the path of a .nettrace file.", refusal, StringComparison.Ordinal);

        var (noTraceExit, _, noTrace) = await TestProcesses.Run(Path.GetTempPath(), TimeSpan.FromMinutes(2), "dotnet", BenchmarksAssembly(), "lock-waits");
        Assert.Equal(2, noTraceExit);
        Assert.Contains("lock-waits takes one or more .nettrace files", noTrace, StringComparison.Ordinal);
    }

    /// <summary>The benchmarks' assembly, built in this test assembly's configuration.</summary>
    private static string BenchmarksAssembly()
    {
        var configuration = typeof(LockWaitsModeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Path.Combine(TestProcesses.RepositoryRoot(), "samples", "PoolRuntime.Benchmarks", "bin", configuration, "net10.0", "PoolRuntime.Benchmarks.dll");
        Assert.True(File.Exists(path), $"{path} is not built; build the solution first.");
        return path;
    }
}
