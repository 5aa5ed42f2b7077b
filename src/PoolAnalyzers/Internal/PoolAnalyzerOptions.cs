using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PoolAnalyzers.Internal;

/// <summary>
/// The .editorconfig keys: <c>pool_analyzers.blocking_pool_types</c> and <c>pool_analyzers.checkout_methods</c>
/// (comma- or semicolon-separated documentation-comment IDs such as <c>T:Ns.Pool</c> / <c>M:Ns.Pool.Get</c>, or plain
/// <c>Ns.Pool</c> / <c>Ns.Pool.Get</c>), and <c>pool_analyzers.configure_await</c> (read by the code fixes).
/// Parsed once per distinct value.
/// </summary>
internal static class PoolAnalyzerOptions
{
    public const string BlockingPoolTypesKey = "pool_analyzers.blocking_pool_types";
    public const string CheckoutMethodsKey = "pool_analyzers.checkout_methods";
    public const string ConfigureAwaitKey = "pool_analyzers.configure_await";

    private static readonly ConcurrentDictionary<string, ImmutableHashSet<string>> ParsedLists = new(StringComparer.Ordinal);
    private static readonly char[] Separators = [',', ';'];

    /// <summary>The configured names for <paramref name="key"/> in the tree's .editorconfig; empty when unset.</summary>
    public static ImmutableHashSet<string> GetNameList(AnalyzerOptions options, SyntaxTree tree, string key)
    {
        return options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? ParsedLists.GetOrAdd(value, Parse)
            : ImmutableHashSet<string>.Empty;
    }

    public static bool ConfigureAwait(AnalyzerConfigOptions options) =>
        options.TryGetValue(ConfigureAwaitKey, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="symbol"/> is named in <paramref name="names"/>, by documentation-comment ID or by plain name.</summary>
    public static bool Matches(ImmutableHashSet<string> names, ISymbol symbol)
    {
        if (names.IsEmpty)
        {
            return false;
        }

        var definition = symbol.OriginalDefinition;
        if (definition.GetDocumentationCommentId() is { } id && names.Contains(id))
        {
            return true;
        }

        var plain = definition is IMethodSymbol method
            ? $"{PlainName(method.ContainingType)}.{method.Name}"
            : PlainName(definition);
        return names.Contains(plain);
    }

    private static string PlainName(ISymbol symbol) =>
        symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
            .WithGenericsOptions(SymbolDisplayGenericsOptions.None));

    private static ImmutableHashSet<string> Parse(string value)
    {
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var part in value.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            names.Add(name);

            // A parameterless ID such as "M:Ns.Pool.Get" names every overload, as the plain "Ns.Pool.Get" does;
            // one with parameters names that overload only.
            if (name.Length > 2 && name[1] == ':' && name.IndexOf('(') < 0)
            {
                names.Add(name.Substring(2));
            }
        }

        return names.ToImmutable();
    }
}
