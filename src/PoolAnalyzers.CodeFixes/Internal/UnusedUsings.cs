using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PoolAnalyzers.CodeFixes.Internal;

/// <summary>
/// Drops a using directive that a rewrite left with nothing to import (<c>System.Collections.Concurrent</c> once the
/// last BlockingCollection became an AsyncPool), so that a project that treats IDE0005 as an error still builds after
/// the fix. Errs on the side of keeping it: any name in the file that binds to a member of the namespace keeps it.
/// </summary>
internal static class UnusedUsings
{
    public static async Task<Document> RemoveIfUnusedAsync(Document document, string namespaceName, CancellationToken cancellationToken)
    {
        if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root)
        {
            return document;
        }

        var directive = root.Usings.FirstOrDefault(u =>
            u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.GlobalKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == namespaceName);
        var model = directive is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (directive is null || model is null || IsUsed(root, model, namespaceName, cancellationToken))
        {
            return document;
        }

        // The directive's leading trivia may hold a file header or the blank line before its group: keep it.
        var trimmed = root.RemoveNode(directive, SyntaxRemoveOptions.KeepLeadingTrivia);
        return trimmed is null ? document : document.WithSyntaxRoot(trimmed);
    }

    private static bool IsUsed(CompilationUnitSyntax root, SemanticModel model, string namespaceName, CancellationToken cancellationToken)
    {
        foreach (var name in root.DescendantNodes(n => n is not UsingDirectiveSyntax).OfType<SimpleNameSyntax>())
        {
            var info = model.GetSymbolInfo(name, cancellationToken);
            if (info.Symbol is { } symbol ? IsIn(symbol, namespaceName) : info.CandidateSymbols.Any(s => IsIn(s, namespaceName)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIn(ISymbol symbol, string namespaceName)
    {
        symbol = (symbol as IMethodSymbol)?.ReducedFrom ?? symbol;
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        while (type?.ContainingType is { } outer)
        {
            type = outer;
        }

        var ns = symbol is INamespaceSymbol own ? own : type?.ContainingNamespace;
        return ns is not null && ns.ToDisplayString() == namespaceName;
    }
}
