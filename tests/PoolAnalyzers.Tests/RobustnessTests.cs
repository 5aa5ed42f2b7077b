using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using PoolAnalyzers.CodeFixes.Rules;
using PoolAnalyzers.Rules;
using PoolAnalyzers.Tests.Verifiers;

namespace PoolAnalyzers.Tests;

/// <summary>
/// The analyzers and fixers never throw (an exception would show as AD0001 and fail these tests) on incomplete or
/// unusual code, and generated code is skipped.
/// </summary>
public class RobustnessTests
{
    private static readonly string[] OddSourceTexts =
    [
        // Syntax errors in the middle of a pool.
        """
        using System.Collections.Concurrent;
        using System.Threading.Tasks;
        class C
        {
            private readonly BlockingCollection<int> _pool = new BlockingCollection<int>(;
            async Task Run() { var x = _pool.Take(; _pool.TryTake(out var y, ); _pool.Add(x) }
        }
        """,
        // Types named like pools that do not resolve.
        """
        using System.Threading.Tasks;
        class C
        {
            async Task Run(ConnectionPool pool) { var c = pool.GetConnectionAsync().Result; pool.Take(); }
            BlockingCollection<Conn> _pool = new();
        }
        """,
        // Top-level statements, local functions, nested lambdas, tuples, static fields, await foreach/using.
        """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using PoolRuntime;

        var pool = new BlockingCollection<string>(2);
        pool.Add("a");
        var item = pool.Take();
        pool.Add(item);
        await Task.Yield();
        var asyncPool = new AsyncPool<string>(2);
        var (a, b) = (asyncPool, pool);
        Func<Task> outer = async () => { Func<Task<string>> inner = async () => a.RentAsync().Result.Value; await inner(); };
        await foreach (var x in Items()) { }
        await using var lease = await asyncPool.RentAsync();
        async IAsyncEnumerable<int> Items() { yield return b.Take().Length; await Task.Yield(); }
        static class Holder { public static BlockingCollection<object> Shared = new BlockingCollection<object>(); }
        """,
        // Primary constructors, partial classes, generic pools.
        """
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;
        partial class Pool<T>(int size) where T : class, new()
        {
            private readonly BlockingCollection<T> _items = new(size);
            public async Task<T> RentAsync(CancellationToken token) { await Task.Yield(); return _items.Take(token); }
        }
        partial class Pool<T>
        {
            public void Return(T item) { try { } finally { _items.Add(item); } }
        }
        """,
    ];

    public static TheoryData<string> OddSources => new(OddSourceTexts);


    [Theory]
    [MemberData(nameof(OddSources))]
    public async Task No_analyzer_or_fixer_throws(string source)
    {
        var (failures, _) = await AnalyzeAndFixAsync(source);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_odd_sources_do_exercise_the_rules_and_fixers()
    {
        var found = new HashSet<string>();
        foreach (var source in OddSourceTexts)
        {
            var (_, ids) = await AnalyzeAndFixAsync(source);
            found.UnionWith(ids);
        }

        Assert.Superset(new HashSet<string> { "POOL001", "POOL002", "POOL003" }, found);
    }

    [Fact]
    public Task Code_marked_GeneratedCode_is_skipped_and_code_beside_it_is_not() => Verify.Diagnostics<BlockingPoolAnalyzer, BlockingPoolFixer>(
        """
        using System.CodeDom.Compiler;
        using System.Collections.Concurrent;
        using System.Threading.Tasks;

        [GeneratedCode("a-tool", "1.0")]
        class Generated
        {
            private readonly BlockingCollection<string> _pool = new BlockingCollection<string>(1);
            async Task Run() { await Task.Yield(); var x = _pool.Take(); _pool.Add(x); }
            void Use() { var x = _pool.Take(); try { } finally { _pool.Add(x); } }
        }

        class Handwritten
        {
            private readonly BlockingCollection<string> _pool = {|POOL001:new BlockingCollection<string>(1)|};
            void Use() { var x = _pool.Take(); try { } finally { _pool.Add(x); } }
        }
        """,
        test => test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck);

    [Theory]
    [InlineData("/0/Pool.g.cs", null)]
    [InlineData("/0/Pool.Designer.cs", null)]
    [InlineData("/0/Pool.cs", "generated_code = true")]
    public Task Files_named_or_configured_as_generated_are_skipped(string fileName, string? editorConfig)
    {
        var test = new PoolTest<BlockingPoolAnalyzer, BlockingPoolFixer>();
        test.TestState.Sources.Add((fileName, """
            using System.Collections.Concurrent;
            class C
            {
                private readonly BlockingCollection<string> _pool = new BlockingCollection<string>(1);
                void Use() { var x = _pool.Take(); try { } finally { _pool.Add(x); } }
            }
            """));
        if (editorConfig is not null)
        {
            test.EditorConfig = editorConfig;
        }

        test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;
        return test.RunAsync();
    }

    [Fact]
    public Task Generated_code_is_skipped() => Verify.Diagnostics<SynchronousCheckoutAnalyzer, SynchronousCheckoutFixer>(
        """
        // <auto-generated/>
        using System.Collections.Concurrent;
        using System.Threading.Tasks;
        class C
        {
            private readonly BlockingCollection<string> _pool = new BlockingCollection<string>(1);
            async Task<string> Run() { await Task.Yield(); return _pool.Take(); }
        }
        """);

    /// <summary>
    /// Runs every analyzer on the source (compiler errors and all), then asks every fixer for its fixes on every
    /// diagnostic and applies them. Returns each exception thrown on the way.
    /// </summary>
    internal static async Task<(List<string> Failures, List<string> RuleIds)> AnalyzeAndFixAsync(string source)
    {
        var failures = new List<string>();
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        references = references.Add(MetadataReference.CreateFromFile(typeof(PoolRuntime.AsyncPool<>).Assembly.Location));

        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Odd", LanguageNames.CSharp)
            .WithMetadataReferences(references)
            .WithCompilationOptions(new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithParseOptions(new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest));
        var document = project.AddDocument("Odd.cs", source);
        project = document.Project;

        DiagnosticAnalyzer[] analyzers = [new BlockingPoolAnalyzer(), new BlockingWaitOnCheckoutAnalyzer(), new SynchronousCheckoutAnalyzer(), new MultiplexerPoolAnalyzer()];
        CodeFixProvider[] fixers = [new BlockingPoolFixer(), new BlockingWaitOnCheckoutFixer(), new SynchronousCheckoutFixer()];
        var compilation = (await project.GetCompilationAsync())!;
        var withAnalyzers = compilation.WithAnalyzers(
            [.. analyzers],
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                onAnalyzerException: (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        failures.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));

        foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("POOL", StringComparison.Ordinal)))
        {
            foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                try
                {
                    var actions = new List<Microsoft.CodeAnalysis.CodeActions.CodeAction>();
                    var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                    await fixer.RegisterCodeFixesAsync(context);
                    foreach (var action in actions)
                    {
                        await action.GetOperationsAsync(CancellationToken.None);
                    }
                }
                catch (Exception exception)
                {
                    failures.Add($"{fixer.GetType().Name} on {diagnostic}: {exception}");
                }
            }
        }

        return (failures, diagnostics.Select(d => d.Id).Where(id => id.StartsWith("POOL", StringComparison.Ordinal)).ToList());
    }
}
