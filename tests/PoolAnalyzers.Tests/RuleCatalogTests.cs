using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PoolAnalyzers.Tests;

/// <summary>Every rule has a descriptor with a help link to its docs page, and every fixer mirrors a rule.</summary>
public class RuleCatalogTests
{
    public static TheoryData<string> RuleIds => new(Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct());

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Each_rule_links_to_its_docs_page_and_the_page_exists(string id)
    {
        var descriptor = Analyzers().SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id);
        Assert.Equal(Descriptors.HelpBase is null ? "" : $"{Descriptors.HelpBase}/{id}.md", descriptor.HelpLinkUri);
        Assert.Equal(DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);

        var page = Path.Combine(TestProcesses.RepositoryRoot(), "docs", "rules", $"{id}.md");
        Assert.True(File.Exists(page), $"{page} is missing");
        Assert.StartsWith($"# {id}: {descriptor.Title}", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public void The_help_links_lead_into_the_repository_the_build_recorded_and_nowhere_without_one()
    {
        var recorded = typeof(Descriptors).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(m => m.Key == "RepositoryUrl")?.Value;
        Assert.Equal(Descriptors.RulePagesIn(recorded), Descriptors.HelpBase);
    }

    [Theory]
    [InlineData("https://github.com/owner/name.git", "https://github.com/owner/name/blob/main/docs/rules")]
    [InlineData("https://github.com/owner/name/", "https://github.com/owner/name/blob/main/docs/rules")]
    [InlineData("https://git.example.org/team/name", "https://git.example.org/team/name/blob/main/docs/rules")]
    [InlineData("/work/clones/name", null)]
    [InlineData("file:///work/clones/name", null)]
    [InlineData("git@github.com:owner/name.git", null)]
    [InlineData("https://github.com", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Rule_pages_are_linked_only_in_a_repository_with_a_web_address(string? repositoryUrl, string? expected) =>
        Assert.Equal(expected, Descriptors.RulePagesIn(repositoryUrl));

    [Fact]
    public void The_four_rules_are_there_and_each_rule_with_a_mechanical_rewrite_has_a_fixer()
    {
        Assert.Equal(["POOL001", "POOL002", "POOL003", "POOL004"], Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Order());
        var fixed_ = typeof(PoolAnalyzers.CodeFixes.Rules.BlockingPoolFixer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .SelectMany(f => f.FixableDiagnosticIds)
            .Order();
        // POOL004 has no fix by design: whether callers rely on the lease is not visible in the code (docs/rules/POOL004.md).
        Assert.Equal(["POOL001", "POOL002", "POOL003"], fixed_);
    }

    private static IEnumerable<DiagnosticAnalyzer> Analyzers() =>
        typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

}
