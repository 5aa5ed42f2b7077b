using System.Reflection;

namespace Samples.Tests;

/// <summary>
/// The lock-waits mode of samples/PoolRuntime.Benchmarks reads a real EventPipe trace, taken with the environment
/// variables its docs give, and refuses a missing one in words.
/// </summary>
public class LockWaitsModeTests
{
    [Fact]
    public async Task A_trace_taken_with_the_documented_variables_is_summed_and_a_missing_trace_is_explained()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lock-waits-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var missing = Path.Combine(folder, "missing.nettrace");

        // The refusal, traced: the process that refuses writes a trace of itself with the contention keyword.
        var (refusedExit, _, refusal) = await TestProcesses.Run(
            folder, TimeSpan.FromMinutes(2), "env",
            "DOTNET_EnableEventPipe=1", "DOTNET_EventPipeConfig=Microsoft-Windows-DotNETRuntime:0x4000:4",
            $"DOTNET_EventPipeOutputPath={Path.Combine(folder, "trace_{pid}.nettrace")}",
            "dotnet", BenchmarksAssembly(), "lock-waits", missing);
        Assert.Equal(2, refusedExit);
        Assert.Contains($"lock-waits: no trace at '{missing}'; give the path of a .nettrace file.", refusal, StringComparison.Ordinal);

        var trace = Assert.Single(Directory.GetFiles(folder, "trace_*.nettrace"));
        var (exit, stdout, stderr) = await TestProcesses.Run(folder, TimeSpan.FromMinutes(2), "dotnet", BenchmarksAssembly(), "lock-waits", trace);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(Path.GetFileName(trace))}: [0-9,]+ contended lock acquisitions, [0-9,]+ ms waited in all, each p50 [0-9.]+ us, p99 [0-9.]+ us\s*$", stdout);

        var (noTraceExit, _, noTrace) = await TestProcesses.Run(folder, TimeSpan.FromMinutes(2), "dotnet", BenchmarksAssembly(), "lock-waits");
        Assert.Equal(2, noTraceExit);
        Assert.Contains("lock-waits takes one or more .nettrace files", noTrace, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
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
