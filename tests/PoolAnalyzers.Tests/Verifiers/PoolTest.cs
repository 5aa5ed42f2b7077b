using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace PoolAnalyzers.Tests.Verifiers;

/// <summary>
/// One analyzer-and-fix test: net8.0 reference assemblies, PoolRuntime's assembly (unless a test leaves it out),
/// optionally StackExchange.Redis, an .editorconfig, and a C# language version. Diagnostics are written in the source
/// as <c>{|POOL001:...|}</c> markup.
/// </summary>
public sealed class PoolTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    private static readonly ReferenceAssemblies Net80WithRedis =
        ReferenceAssemblies.Net.Net80.AddPackages([new PackageIdentity("StackExchange.Redis", "2.8.16")]);

    public PoolTest(bool withPoolRuntime = true, bool withRedis = false)
    {
        ReferenceAssemblies = withRedis ? Net80WithRedis : ReferenceAssemblies.Net.Net80;
        if (withPoolRuntime)
        {
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(PoolRuntime.AsyncPool<>).Assembly.Location));
            FixedState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(PoolRuntime.AsyncPool<>).Assembly.Location));
        }
    }

    public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

    /// <summary>Lines for an .editorconfig section that applies to every file.</summary>
    public string? EditorConfig
    {
        set => TestState.AnalyzerConfigFiles.Add(("/.editorconfig", $"root = true\n\n[*]\n{value}\n"));
    }

    /// <summary>Expects the diagnostic marked <c>{|#0:...|}</c> with these message arguments, before the fix and after it (for tests where no fix applies).</summary>
    public void ExpectMarked(DiagnosticDescriptor descriptor, params object[] arguments)
    {
        TestState.ExpectedDiagnostics.Add(new DiagnosticResult(descriptor).WithLocation(0).WithArguments(arguments));
        FixedState.ExpectedDiagnostics.Add(new DiagnosticResult(descriptor).WithLocation(0).WithArguments(arguments));
    }

    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);
}

/// <summary>Shorthands: <c>Verify.Analyzer&lt;TAnalyzer&gt;</c> for diagnostics only, <c>Verify.Fix&lt;..&gt;</c> for a rewrite.</summary>
public static class Verify
{
    public static Task Diagnostics<TAnalyzer, TCodeFix>(string source, Action<PoolTest<TAnalyzer, TCodeFix>>? configure = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new PoolTest<TAnalyzer, TCodeFix> { TestCode = source };
        configure?.Invoke(test);
        return test.RunAsync();
    }

    public static Task Fix<TAnalyzer, TCodeFix>(string source, string fixedSource, Action<PoolTest<TAnalyzer, TCodeFix>>? configure = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new PoolTest<TAnalyzer, TCodeFix> { TestCode = source, FixedCode = fixedSource };
        configure?.Invoke(test);
        return test.RunAsync();
    }

    /// <summary>Checks the diagnostics in the markup and that no code fix is offered for any of them.</summary>
    public static Task NoFix<TAnalyzer, TCodeFix>(string source, Action<PoolTest<TAnalyzer, TCodeFix>>? configure = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new PoolTest<TAnalyzer, TCodeFix> { TestCode = source, FixedCode = source };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        configure?.Invoke(test);
        return test.RunAsync();
    }
}
