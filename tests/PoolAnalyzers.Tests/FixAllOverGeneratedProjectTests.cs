using System.Globalization;
using System.Text.RegularExpressions;

namespace PoolAnalyzers.Tests;

/// <summary>
/// Fix All through the real tool over a generated project of a few hundred files: the fixable shapes (BlockingCollection
/// pools used from async code, .Result on checkouts, a pool gate's Wait, AsyncPool.Take in async code) and the look-alikes
/// that must stay silent (work queues, .Result in synchronous code, calls that never wait, plain async code).
/// dotnet format must leave it compiling with no error and no POOL diagnostic, and change no file that had none.
/// </summary>
public partial class FixAllOverGeneratedProjectTests
{
    private const int Files = 240;

    [Fact]
    public async Task Dotnet_format_fixes_every_file_with_a_diagnostic_and_touches_no_other()
    {
        using var builds = await TestProcesses.LockRepositoryBuildsAsync();
        var root = TestProcesses.RepositoryRoot();
        var project = Path.Combine(Path.GetTempPath(), "pool-generated-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Generated.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>disable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>$(NoWarn);CS1998</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{root}/src/PoolRuntime/PoolRuntime.csproj" />
                <ProjectReference Include="{root}/src/PoolAnalyzers/PoolAnalyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{root}/src/PoolAnalyzers.CodeFixes/PoolAnalyzers.CodeFixes.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        var expectChange = new Dictionary<string, bool>();
        for (var i = 0; i < Files; i++)
        {
            var (code, fixable) = Generate(i);
            var file = Path.Combine(project, $"Service{i}.cs");
            File.WriteAllText(file, code);
            expectChange[file] = fixable;
        }

        var original = expectChange.Keys.ToDictionary(f => f, File.ReadAllText);

        var before = await Dotnet(project, "build");
        Assert.True(before.ExitCode == 0, before.Output);
        var flagged = FilesWithPoolWarnings(before.Output);
        Assert.Equal(expectChange.Where(e => e.Value).Select(e => Path.GetFileName(e.Key)).Order(), flagged.Order());

        var format = await Dotnet(project, "format", "analyzers", "--diagnostics", "POOL001", "POOL002", "POOL003", "--severity", "warn", "--no-restore");
        Assert.True(format.ExitCode == 0, format.Output);

        foreach (var (file, fixable) in expectChange)
        {
            var changed = File.ReadAllText(file) != original[file];
            Assert.True(changed == fixable, $"{Path.GetFileName(file)}: expected {(fixable ? "a change" : "no change")}\n{File.ReadAllText(file)}");
        }

        var after = await Dotnet(project, "build", "--no-restore", "--no-incremental");
        Assert.True(after.ExitCode == 0, after.Output);
        Assert.Empty(FilesWithPoolWarnings(after.Output));
        Assert.Matches(@"\b0 Error\(s\)", after.Output);
        Directory.Delete(project, recursive: true);
    }

    /// <summary>One service file; the shape depends on <paramref name="i"/>. Returns whether it holds a fixable diagnostic.</summary>
    private static (string Code, bool Fixable) Generate(int i)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var header = $$"""
            using System.Collections.Concurrent;
            using PoolRuntime;

            namespace Generated.Area{{i / 50}};

            public sealed class Connection{{n}} { public int Id { get; set; } = {{n}}; }

            """;
        return (i % 8) switch
        {
            0 => (header + $$"""
                public sealed class BlockingPool{{n}}
                {
                    private readonly BlockingCollection<Connection{{n}}> _pool = new BlockingCollection<Connection{{n}}>(4);

                    public async Task<int> QueryAsync(CancellationToken token)
                    {
                        if (!_pool.TryTake(out var connection, 1000))
                        {
                            throw new TimeoutException("No connection available.");
                        }

                        try
                        {
                            await Task.Delay(1, token);
                            return connection.Id;
                        }
                        finally
                        {
                            _pool.Add(connection);
                        }
                    }
                }
                """, true),
            1 => (header + $$"""
                public sealed class LeaseUser{{n}}(AsyncPool<Connection{{n}}> pool)
                {
                    public async Task<int> ReadAsync()
                    {
                        using var lease = pool.RentAsync().Result;
                        await Task.Yield();
                        return lease.Value.Id + pool.TakeAsync().GetAwaiter().GetResult().Id;
                    }
                }
                """, true),
            2 => (header + $$"""
                public sealed class GatedPool{{n}}
                {
                    private readonly SemaphoreSlim _gate = new SemaphoreSlim(2, 2);
                    private readonly ConcurrentStack<Connection{{n}}> _idle = new ConcurrentStack<Connection{{n}}>();

                    public async Task<Connection{{n}}> RentAsync(CancellationToken cancellationToken)
                    {
                        if (!_gate.Wait(500))
                        {
                            throw new TimeoutException();
                        }

                        await Task.Yield();
                        return _idle.TryPop(out var connection) ? connection : new Connection{{n}}();
                    }

                    public void Return(Connection{{n}} connection)
                    {
                        _idle.Push(connection);
                        _gate.Release();
                    }
                }
                """, true),
            3 => (header + $$"""
                public sealed class WorkQueue{{n}}
                {
                    private readonly BlockingCollection<string> _work = new BlockingCollection<string>(100);

                    public void Enqueue(string item) => _work.Add(item);

                    public int Drain()
                    {
                        var count = 0;
                        while (_work.TryTake(out var item, 100))
                        {
                            count += item.Length;
                        }

                        return count;
                    }
                }
                """, false),
            4 => (header + $$"""
                public sealed class ConnectionPool{{n}}
                {
                    public Task<Connection{{n}}> GetAsync() => Task.FromResult(new Connection{{n}}());
                }

                public sealed class SyncCaller{{n}}
                {
                    private readonly Connection{{n}} _connection;

                    public SyncCaller{{n}}(ConnectionPool{{n}} pool) => _connection = pool.GetAsync().Result;

                    public int Id => _connection.Id;
                }
                """, false),
            5 => (header + $$"""
                public sealed class NeverWaits{{n}}
                {
                    private readonly BlockingCollection<Connection{{n}}> _pool = new BlockingCollection<Connection{{n}}>(4);
                    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);
                    private readonly ConcurrentBag<Connection{{n}}> _bag = new ConcurrentBag<Connection{{n}}>();

                    public async Task<int> TryNowAsync()
                    {
                        await Task.Yield();
                        if (!_gate.Wait(0))
                        {
                            return 0;
                        }

                        try
                        {
                            return _pool.TryTake(out var c) ? c.Id : _bag.TryTake(out var d) ? d.Id : -1;
                        }
                        finally
                        {
                            _gate.Release();
                        }
                    }
                }
                """, false),
            6 => (header + $$"""
                public sealed class Taker{{n}}(AsyncPool<Connection{{n}}> pool)
                {
                    public async Task<int> UseAsync(CancellationToken token)
                    {
                        var connection = pool.Take();
                        try
                        {
                            await Task.Delay(1, token);
                            return connection.Id;
                        }
                        finally
                        {
                            pool.Add(connection);
                        }
                    }
                }
                """, true),
            _ => (header + $$"""
                public sealed class Plain{{n}}
                {
                    public async Task<int> SumAsync(IEnumerable<int> values)
                    {
                        var results = await Task.WhenAll(values.Select(v => Task.FromResult(v * 2)));
                        return results.Sum();
                    }
                }
                """, false),
        };
    }

    private static HashSet<string> FilesWithPoolWarnings(string output) =>
        [.. PoolWarning().Matches(output).Select(m => m.Groups[1].Value)];

    private static async Task<(int ExitCode, string Output)> Dotnet(string directory, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await TestProcesses.Run(directory, TimeSpan.FromMinutes(8), "dotnet", arguments);
        return (exitCode, stdout + stderr);
    }

    [GeneratedRegex(@"([^/\s]+\.cs)\(\d+,\d+\): warning POOL00\d")]
    private static partial Regex PoolWarning();
}
