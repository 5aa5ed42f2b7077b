using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PoolAnalyzers.CodeFixes.Internal;

/// <summary>
/// Adds a using directive in its sorted place (System directives first), keeping the blank lines that separate the
/// groups of usings and the usings from the code. (Roslyn's ImportAdder drops the blank line that follows the point
/// where it inserts, which shows up as a needless diff in every fixed file.)
/// </summary>
internal static class UsingDirectives
{
    public static CompilationUnitSyntax Add(CompilationUnitSyntax root, string namespaceName)
    {
        if (root.Usings.Any(u => u.Alias is null && u.Name?.ToString() == namespaceName)
            || root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<BaseNamespaceDeclarationSyntax>()
                .Any(ns => ns.Usings.Any(u => u.Alias is null && u.Name?.ToString() == namespaceName) || ns.Name.ToString() == namespaceName || ns.Name.ToString().StartsWith(namespaceName + ".", StringComparison.Ordinal)))
        {
            return root;
        }

        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var newLine = endOfLine == default ? SyntaxFactory.LineFeed : endOfLine;
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName)).WithTrailingTrivia(newLine);

        var usings = root.Usings;
        if (usings.Count == 0)
        {
            return root.WithUsings(SyntaxFactory.SingletonList(directive.WithTrailingTrivia(newLine, newLine)));
        }

        var index = 0;
        while (index < usings.Count && Compare(usings[index], namespaceName) < 0)
        {
            index++;
        }

        if (index == usings.Count)
        {
            return root.WithUsings(usings.Add(directive));
        }

        // Take over the leading trivia (a blank line between groups) of the directive it goes in front of.
        var next = usings[index];
        directive = directive.WithLeadingTrivia(next.GetLeadingTrivia());
        return root.WithUsings(usings.Replace(next, next.WithLeadingTrivia()).Insert(index, directive));
    }

    private static int Compare(UsingDirectiveSyntax existing, string namespaceName)
    {
        if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.Name is null)
        {
            return 1; // aliases and static usings go last; a plain using goes before them
        }

        var name = existing.Name.ToString();
        var existingIsSystem = IsSystem(name);
        var newIsSystem = IsSystem(namespaceName);
        return existingIsSystem != newIsSystem
            ? (existingIsSystem ? -1 : 1)
            : string.Compare(name, namespaceName, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", StringComparison.Ordinal);
}
