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
/// the fix. The compiler decides where it can: its CS8019 (the diagnostic IDE0005 is built on, reported when
/// documentation comments are parsed, so a cref counts as a use). Where it cannot, a using is dropped only when no
/// name in the file, comments included, binds to anything in the namespace.
/// </summary>
internal static class UnusedUsings
{
    private const string UnnecessaryUsing = "CS8019";

    public static async Task<Document> RemoveIfUnusedAsync(Document document, string namespaceName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var directive = root?.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .FirstOrDefault(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.GlobalKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == namespaceName);
        var model = directive is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || directive is null || model is null || !IsUnused(root, directive, model, namespaceName, cancellationToken))
        {
            return document;
        }

        // Keep a file header or comment above the directive; drop a blank line that only separated it from the rest.
        var keepsComments = directive.GetLeadingTrivia().Any(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia));
        var trimmed = root.RemoveNode(directive, keepsComments ? SyntaxRemoveOptions.KeepLeadingTrivia : SyntaxRemoveOptions.KeepNoTrivia);
        return trimmed is null ? document : document.WithSyntaxRoot(trimmed);
    }

    private static bool IsUnused(SyntaxNode root, UsingDirectiveSyntax directive, SemanticModel model, string namespaceName, CancellationToken cancellationToken)
    {
        if (directive.SyntaxTree.Options.DocumentationMode != DocumentationMode.None)
        {
            return model.GetDiagnostics(cancellationToken: cancellationToken)
                .Any(d => d.Id == UnnecessaryUsing && d.Location.SourceSpan.Contains(directive.Span));
        }

        foreach (var name in root.DescendantNodes(n => n != directive, descendIntoTrivia: true).OfType<SimpleNameSyntax>())
        {
            var info = model.GetSymbolInfo(name, cancellationToken);
            if (info.Symbol is { } symbol ? IsIn(symbol, namespaceName) : info.CandidateSymbols.Any(s => IsIn(s, namespaceName)))
            {
                return false;
            }
        }

        return true;
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
