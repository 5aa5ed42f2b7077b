using System.Globalization;
using System.Text.RegularExpressions;

namespace Samples.Tests;

/// <summary>
/// The consumer's path on the legacy app: a copy builds with POOL001-POOL003 warnings; <c>dotnet format analyzers</c>
/// fixes them; the fixed copy builds with no error and no POOL warning, and serves more requests than the unfixed one
/// under the same load against the same real Redis.
/// </summary>
public partial class LegacyRedisAppFixTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Dotnet_format_fixes_every_POOL_warning_with_a_fix_and_the_fixed_app_serves_more()
    {
        using var builds = await TestProcesses.LockRepositoryBuildsAsync();
        var root = TestProcesses.RepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "legacy-redis-app-" + Guid.NewGuid().ToString("N"));
        var unfixed = CopyApp(root, Path.Combine(work, "unfixed"));
        var fixedApp = CopyApp(root, Path.Combine(work, "fixed"));

        // Debug first: dotnet format loads the analyzer projects' Debug output.
        var before = await Dotnet(fixedApp, "build");
        Assert.True(before.ExitCode == 0, before.Output);
        var warningsBefore = PoolWarnings(before.Output);
        Assert.Contains("POOL001", warningsBefore);
        Assert.Contains("POOL002", warningsBefore);
        Assert.Contains("POOL003", warningsBefore);
        Assert.Contains("POOL004", warningsBefore);

        var format = await Dotnet(fixedApp, "format", "analyzers", "LegacyRedisApp.csproj", "--diagnostics", "POOL001", "POOL002", "POOL003", "--severity", "warn", "--no-restore");
        Assert.True(format.ExitCode == 0, format.Output);
        var changed = Directory.GetFiles(fixedApp, "*.cs").Count(file => File.ReadAllText(file) != File.ReadAllText(Path.Combine(unfixed, Path.GetFileName(file))));
        Assert.True(changed == 3, $"dotnet format changed {changed} files, expected the 3 with POOL warnings\n{format.Output}");

        // A full rebuild: an incremental build that compiles nothing reports no warnings either.
        var after = await Dotnet(fixedApp, "build", "-c", "Release", "--no-restore", "--no-incremental");
        Assert.True(after.ExitCode == 0, after.Output);

        // What stays is POOL004, which has no fix by design: the pools of multiplexers are now async, not gone.
        Assert.Equal(["POOL004"], PoolWarnings(after.Output));
        Assert.Matches(@"\b0 Error\(s\)", after.Output);

        var unfixedBuild = await Dotnet(unfixed, "build", "-c", "Release");
        Assert.True(unfixedBuild.ExitCode == 0, unfixedBuild.Output);

        var (unfixedOk, _) = await RunApp(unfixed);
        var (fixedOk, fixedFail) = await RunApp(fixedApp);
        Assert.True(fixedOk > unfixedOk, $"fixed: {fixedOk} ok ({fixedFail} failed); unfixed: {unfixedOk} ok");
        Assert.True(fixedOk > 0);

        // The shared variant (POOL004's advice by hand) does the same work without a pool, and loses nothing.
        var (sharedOk, sharedFail) = await RunApp(unfixed, "shared");
        Assert.True(sharedOk > 0 && sharedFail == 0, $"shared: {sharedOk} ok, {sharedFail} failed");

        Directory.Delete(work, recursive: true);
    }

    private async Task<(long Ok, long Fail)> RunApp(string directory, string mode = "pooled")
    {
        var dll = Path.Combine(directory, "bin", "Release", "net10.0", "LegacyRedisApp.dll");
        var run = await Process(directory, TimeSpan.FromMinutes(2), "dotnet", dll, redis.Endpoint, "300", "3", mode);
        var match = ResultLine().Match(run.Output);
        Assert.True(match.Success, run.Output);
        return (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static HashSet<string> PoolWarnings(string buildOutput) =>
        [.. Regex.Matches(buildOutput, @"warning (POOL00\d)").Select(m => m.Groups[1].Value)];

    /// <summary>Copies the sample and points its project references at this repository, so the copy builds anywhere.</summary>
    private static string CopyApp(string root, string target)
    {
        var source = Path.Combine(root, "samples", "LegacyRedisApp");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*.cs").Append(Path.Combine(source, "LegacyRedisApp.csproj")))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        var project = Path.Combine(target, "LegacyRedisApp.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(@"..\..\src\", Path.Combine(root, "src") + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        return target;
    }

    private static Task<(int ExitCode, string Output)> Dotnet(string directory, params string[] arguments) =>
        Process(directory, TimeSpan.FromMinutes(5), "dotnet", arguments);

    private static async Task<(int ExitCode, string Output)> Process(string directory, TimeSpan limit, string fileName, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await TestProcesses.Run(directory, limit, fileName, arguments);
        return (exitCode, stdout + stderr);
    }


    [GeneratedRegex(@"RESULT ok=(\d+) fail=(\d+)")]
    private static partial Regex ResultLine();
}
