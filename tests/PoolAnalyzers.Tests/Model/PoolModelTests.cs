using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using PoolAnalyzers.Model;

namespace PoolAnalyzers.Tests.Model;

/// <summary>The pool model on its own, below the rules: the roles it gives containers, its gates, item sources and checkout paths.</summary>
public class PoolModelTests
{
    private const string Usings = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        public class Connection : IDisposable { public void Dispose() { } }

        """;

    [Fact]
    public async Task Containers_get_their_role_from_how_items_flow_through_them()
    {
        var model = await ModelOf("""
            class Pools
            {
                private readonly BlockingCollection<Connection> _finally = new BlockingCollection<Connection>();
                private readonly ConcurrentBag<Connection> _kept = new ConcurrentBag<Connection>();
                private readonly BlockingCollection<Connection> _jobs = new BlockingCollection<Connection>();
                private readonly BlockingCollection<string> _lines = new BlockingCollection<string>();

                public int UseFinally() { var c = _finally.Take(); try { return 1; } finally { _finally.Add(c); } }
                public Connection Lend() => _kept.TryTake(out var c) ? c : new Connection();
                public void Keep(Connection c) => _kept.Add(c);
                public void Consume() { foreach (var job in _jobs.GetConsumingEnumerable()) job.Dispose(); }
                public void Submit(Connection job) => _jobs.Add(job);
                public string Next() => _lines.Take();
                public void Write(string line) => _lines.Add(line);
                public int Count(BlockingCollection<Connection> given) => given.Count;
            }
            """);
        var pools = model.Pools(Type(model, "Pools"));

        Assert.Equal(ContainerRole.Pool, Role(pools, "_finally"));
        Assert.Equal(ContainerRole.Pool, Role(pools, "_kept"));
        Assert.Equal(ContainerRole.WorkQueue, Role(pools, "_jobs"));
        Assert.Equal(ContainerRole.WorkQueue, Role(pools, "_lines"));
        Assert.True(pools.ContainerOf(Member(model, "Pools", "_finally"))!.HasBlockingTake);
        Assert.False(pools.ContainerOf(Member(model, "Pools", "_kept"))!.HasBlockingTake);
    }

    [Fact]
    public async Task A_checkout_hands_out_items_through_its_helpers_and_a_gate_released_elsewhere_guards_them()
    {
        var model = await ModelOf("""
            class Gated
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(2, 2);
                private readonly SemaphoreSlim _mutex = new SemaphoreSlim(1, 1);
                private readonly ConcurrentStack<Connection> _idle = new ConcurrentStack<Connection>();

                public Connection Get() { _gate.Wait(); return TryIdle(out var c) ? c : new Connection(); }
                public void Put(Connection c) { _idle.Push(c); _gate.Release(); }
                public void Locked(Action work) { _mutex.Wait(); try { work(); } finally { _mutex.Release(); } }
                private bool TryIdle(out Connection c) => _idle.TryPop(out c);
            }
            """);
        var pools = model.Pools(Type(model, "Gated"));
        var get = Member(model, "Gated", "Get");

        Assert.Contains(pools.ItemsHandedOutBy(get), container => container.Storage.Name == "_idle");
        var gateWait = Assert.Single(pools.Waits, wait => wait.Gate?.Name == "_gate");
        var mutexWait = Assert.Single(pools.Waits, wait => wait.Gate?.Name == "_mutex");
        Assert.True(pools.IsPoolGate(gateWait));
        Assert.False(pools.IsPoolGate(mutexWait));
        Assert.True(pools.IsBlockingGatedCheckout(gateWait));
        Assert.False(pools.IsBlockingGatedCheckout(mutexWait));
    }

    [Fact]
    public async Task A_blocking_checkout_is_found_through_calls_and_a_cycle_ends_the_search()
    {
        var model = await ModelOf("""
            class ClientPool
            {
                private readonly BlockingCollection<Connection> _idle = new BlockingCollection<Connection>();
                public Connection GetConnection() => Checked(TakeIdle());
                public void Return(Connection c) => _idle.Add(c);
                private Connection TakeIdle() => _idle.Take();
                private static Connection Checked(Connection c) => c;
                public int Ping(int n) => n > 0 ? Pong(n - 1) : 0;
                public int Pong(int n) => Ping(n);
            }
            """);
        var options = new AnalyzerOptions([]);

        var path = model.Checkouts.PathThrough((IMethodSymbol)Member(model, "ClientPool", "GetConnection"), options);
        Assert.NotNull(path);
        Assert.StartsWith("calls 'TakeIdle()', which waits in '_idle.Take()' (Shapes.cs line ", path.Path, StringComparison.Ordinal);
        Assert.False(path.IsDirect);
        Assert.True(model.Checkouts.PathThrough((IMethodSymbol)Member(model, "ClientPool", "TakeIdle"), options)!.IsDirect);
        Assert.Null(model.Checkouts.PathThrough((IMethodSymbol)Member(model, "ClientPool", "Ping"), options));
        Assert.Null(model.Checkouts.PathThrough((IMethodSymbol)Member(model, "ClientPool", "Checked"), options));
    }

    [Fact]
    public async Task A_method_met_inside_a_cycle_is_decided_by_the_whole_cycle_whichever_method_is_asked_first()
    {
        const string Source = """
            class Loop
            {
                private readonly BlockingCollection<Connection> _idle = new BlockingCollection<Connection>();
                public Connection First(int n) => n > 0 ? Second(n - 1) : Third();
                public Connection Second(int n) => First(n);
                private Connection Third() => _idle.Take();
                public void Return(Connection c) => _idle.Add(c);
                public int Unrelated(int n) => n;
            }
            """;
        var options = new AnalyzerOptions([]);

        // Asked about First first: while First is searched, Second's only way to the take (back through First) is not
        // yet known, so Second's "no" at that moment must not be kept.
        var firstAskedFirst = await ModelOf(Source);
        Assert.True(firstAskedFirst.Index.MayBlock("First"));
        Assert.True(firstAskedFirst.Index.MayBlock("Second"));
        Assert.False(firstAskedFirst.Index.MayBlock("Unrelated"));
        Assert.NotNull(firstAskedFirst.Checkouts.PathThrough((IMethodSymbol)Member(firstAskedFirst, "Loop", "First"), options));
        Assert.Equal(
            "calls 'First()', which calls 'Third()', which waits in '_idle.Take()'",
            firstAskedFirst.Checkouts.PathThrough((IMethodSymbol)Member(firstAskedFirst, "Loop", "Second"), options)?.Path?.Split(" (")[0]);

        var secondAskedFirst = await ModelOf(Source);
        Assert.True(secondAskedFirst.Index.MayBlock("Second"));
        Assert.True(secondAskedFirst.Index.MayBlock("First"));
        Assert.NotNull(secondAskedFirst.Checkouts.PathThrough((IMethodSymbol)Member(secondAskedFirst, "Loop", "Second"), options));
        Assert.NotNull(secondAskedFirst.Checkouts.PathThrough((IMethodSymbol)Member(secondAskedFirst, "Loop", "First"), options));
    }

    private static async Task<PoolModel> ModelOf(string source)
    {
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create("Shapes", [CSharpSyntaxTree.ParseText(Usings + source, path: "Shapes.cs")], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return PoolModel.For(compilation)!;
    }

    private static INamedTypeSymbol Type(PoolModel model, string name) => model.Compilation.GetTypeByMetadataName(name)!;

    private static ISymbol Member(PoolModel model, string type, string name) => Type(model, type).GetMembers(name).Single();

    private static ContainerRole? Role(TypePools pools, string field) =>
        pools.Containers.SingleOrDefault(container => container.Storage.Name == field)?.Role;
}
