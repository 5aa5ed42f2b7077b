using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Packaging.Tests;

/// <summary>
/// The consumer's path, through the packages and nothing else: both packages are packed into a local feed, a fresh
/// project references them from it (its own nuget.config, package source mapping, its own packages folder so that no
/// older copy from the machine's cache is used), and then: the build warns, a severity set to error fails it, dotnet
/// format's verify mode fails, dotnet format fixes everything, and the fixed project builds clean and runs. The
/// packages name the commit they were built from, and the repository's address only when git's remote has a web one.
/// </summary>
public partial class ConsumerTests
{
    private const string Consumer = """
        using System.Collections.Concurrent;
        using PoolRuntime;

        var pool = new ConnectionPool();
        var profiles = new AsyncPool<Connection>(2);
        profiles.Add(new Connection());
        profiles.Add(new Connection());
        var total = 0;
        for (var i = 0; i < 100; i++)
        {
            total += await pool.UseAsync();
            total += await Profiles.ReadAsync(profiles);
        }

        Console.WriteLine($"consumer ok {total}");

        public sealed class Connection
        {
            public int Id { get; } = 1;
        }

        public sealed class ConnectionPool
        {
            private readonly BlockingCollection<Connection> _connections = new BlockingCollection<Connection>(4);

            public ConnectionPool()
            {
                for (var i = 0; i < 4; i++)
                {
                    _connections.Add(new Connection());
                }
            }

            public async Task<int> UseAsync()
            {
                if (!_connections.TryTake(out var connection, 1000))
                {
                    throw new TimeoutException("No connection available.");
                }

                try
                {
                    await Task.Yield();
                    return connection.Id;
                }
                finally
                {
                    _connections.Add(connection);
                }
            }
        }

        public static class Profiles
        {
            public static async Task<int> ReadAsync(AsyncPool<Connection> pool)
            {
                using var lease = pool.RentAsync().Result;
                await Task.Yield();
                return lease.Value.Id;
            }
        }
        """;

    [Fact]
    public async Task The_packages_name_their_commit_and_remote_warn_fail_on_error_severity_and_fix_the_consumers_code()
    {
        using var builds = await TestProcesses.LockRepositoryBuildsAsync();
        var root = TestProcesses.RepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "pool-consumer-" + Guid.NewGuid().ToString("N"));
        var feed = Path.Combine(work, "feed");
        var consumer = Path.Combine(work, "consumer");
        Directory.CreateDirectory(consumer);

        foreach (var project in new[] { "src/PoolRuntime/PoolRuntime.csproj", "src/PoolAnalyzers.Package/PoolAnalyzers.Package.csproj" })
        {
            var pack = await Run(root, "dotnet", "pack", Path.Combine(root, project), "-c", "Release", "-o", feed);
            Assert.True(pack.ExitCode == 0, pack.Output);
        }

        await AssertRepositoryAsGitHasIt(root, feed);

        File.WriteAllText(Path.Combine(consumer, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="packages" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="../feed" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="PoolRuntime" />
                  <package pattern="PoolAnalyzers.Analyzers" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PoolRuntime" Version="0.1.0" />
                <PackageReference Include="PoolAnalyzers.Analyzers" Version="0.1.0" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), Consumer);

        var build = await Run(consumer, "dotnet", "build");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Equal(["POOL001", "POOL002", "POOL003"], PoolWarnings(build.Output, "warning"));

        File.WriteAllText(Path.Combine(consumer, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.POOL002.severity = error\n");
        var strict = await Run(consumer, "dotnet", "build", "--no-restore", "--no-incremental");
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("POOL002", PoolWarnings(strict.Output, "error"));
        File.Delete(Path.Combine(consumer, ".editorconfig"));

        var verify = await Run(consumer, "dotnet", "format", "analyzers", "--verify-no-changes", "--no-restore");
        Assert.NotEqual(0, verify.ExitCode);

        var format = await Run(consumer, "dotnet", "format", "analyzers", "--diagnostics", "POOL001", "POOL002", "POOL003", "--severity", "warn", "--no-restore");
        Assert.True(format.ExitCode == 0, format.Output);
        var fixedCode = File.ReadAllText(Path.Combine(consumer, "Program.cs"));
        Assert.Contains("AsyncPool<Connection> _connections", fixedCode, StringComparison.Ordinal);
        Assert.Contains("await _connections.TryTakeAsync(1000)", fixedCode, StringComparison.Ordinal);
        Assert.Contains("using var lease = await pool.RentAsync();", fixedCode, StringComparison.Ordinal);

        var rebuilt = await Run(consumer, "dotnet", "build", "--no-restore", "--no-incremental");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output);
        Assert.Empty(PoolWarnings(rebuilt.Output, "warning"));
        Assert.Matches(@"\b0 Error\(s\)", rebuilt.Output);

        var run = await Run(consumer, "dotnet", "run", "--no-build");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("consumer ok 200", run.Output, StringComparison.Ordinal);

        Directory.Delete(work, recursive: true);
    }

    /// <summary>
    /// Each package's repository element names the commit checked out, and the remote's address only when 'origin' is
    /// a web address (a clone of a local folder has none), with the project page beside it: never an invented URL.
    /// </summary>
    private static async Task AssertRepositoryAsGitHasIt(string root, string feed)
    {
        var head = await Run(root, "git", "rev-parse", "HEAD");
        Assert.True(head.ExitCode == 0, head.Output);
        var remote = await Run(root, "git", "remote", "get-url", "origin");
        var webRemote = remote.ExitCode == 0 && Regex.IsMatch(remote.Output.Trim(), "^https?://") ? remote.Output.Trim() : null;

        var packages = Directory.GetFiles(feed, "*.nupkg");
        Assert.Equal(2, packages.Length);
        foreach (var package in packages)
        {
            using var archive = ZipFile.OpenRead(package);
            using var stream = archive.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            var metadata = XDocument.Load(stream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
            var repository = metadata.Elements().Single(element => element.Name.LocalName == "repository");
            var projectUrl = metadata.Elements().SingleOrDefault(element => element.Name.LocalName == "projectUrl")?.Value;

            Assert.Equal(head.Output.Trim(), repository.Attribute("commit")?.Value);
            Assert.Equal(webRemote, repository.Attribute("url")?.Value);
            Assert.Equal(webRemote is null ? null : Regex.Replace(webRemote.TrimEnd('/'), @"\.git$", ""), projectUrl);
        }
    }

    private static async Task<(int ExitCode, string Output)> Run(string directory, string fileName, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await TestProcesses.Run(directory, TimeSpan.FromMinutes(5), fileName, arguments);
        return (exitCode, stdout + stderr);
    }

    private static List<string> PoolWarnings(string output, string level) =>
        [.. Regex.Matches(output, level + @" (POOL00\d)").Select(m => m.Groups[1].Value).Distinct().Order()];

}
