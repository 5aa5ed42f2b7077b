using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.CodeFixes.Internal;

/// <summary>
/// The base of every fixer. The analyzer puts the kind of rewrite in the diagnostic's <see cref="FixKinds.PropertyName"/>
/// property (no property: no safe rewrite, no fix). The kind is the code action's equivalence key; Fix All (document,
/// project, solution) rewrites all of a document's diagnostics in one editing pass.
/// </summary>
public abstract class PoolCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    /// <remarks>
    /// Fix All applies every diagnostic's own rewrite, whatever kind the invoking action was: each diagnostic of a rule has
    /// exactly one safe rewrite, and dotnet format runs Fix All once per rule with the first diagnostic's action, so a
    /// filter by equivalence key would leave the other kinds unfixed.
    /// </remarks>
    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        async (context, document, diagnostics) =>
            diagnostics.IsEmpty ? document : await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Kind(diagnostic) is not { } kind || !CanFix(root, diagnostic, kind)
                || !await IsSafeAsync(context.Document, diagnostic, kind, context.CancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title(kind), ct => FixAsync(context.Document, [diagnostic], ct), equivalenceKey: kind),
                diagnostic);
        }
    }

    /// <summary>The title shown in the light bulb for one kind of rewrite.</summary>
    protected abstract string Title(string kind);

    /// <summary>Whether the code at the diagnostic has a shape this fixer rewrites; when not, no fix is offered.</summary>
    protected abstract bool CanFix(SyntaxNode root, Diagnostic diagnostic, string kind);

    /// <summary>A semantic check beyond the shape, for rewrites that need one; the default accepts.</summary>
    protected virtual Task<bool> IsSafeAsync(Document document, Diagnostic diagnostic, string kind, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>
    /// Whether the rewrite of these diagnostics swaps a BlockingCollection pool for AsyncPool: the file then needs
    /// <c>using PoolRuntime;</c>, and may no longer need <c>using System.Collections.Concurrent;</c> (removed if so).
    /// </summary>
    protected virtual bool SwapsToAsyncPool(ImmutableArray<Diagnostic> diagnostics) => false;

    /// <summary>Rewrites the diagnostics (all of one kind) in one editing pass.</summary>
    protected abstract Task FixAsync(DocumentEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken);

    /// <summary>The syntax node a diagnostic points at.</summary>
    protected static SyntaxNode NodeAt(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);

    /// <summary>The rewrite the analyzer chose for a diagnostic; null when there is no safe one.</summary>
    protected static string? Kind(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(FixKinds.PropertyName, out var kind) ? kind : null;

    private async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var fixable = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var diagnostic in diagnostics)
        {
            if (root is not null && Kind(diagnostic) is { } kind && CanFix(root, diagnostic, kind)
                && await IsSafeAsync(document, diagnostic, kind, cancellationToken).ConfigureAwait(false))
            {
                fixable.Add(diagnostic);
            }
        }

        if (fixable.Count == 0)
        {
            return document;
        }

        var toFix = fixable.ToImmutable();
        var swaps = SwapsToAsyncPool(toFix);
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        await FixAsync(editor, toFix, cancellationToken).ConfigureAwait(false);
        var changedRoot = editor.GetChangedRoot();
        if (swaps && changedRoot is CompilationUnitSyntax compilationUnit)
        {
            changedRoot = UsingDirectives.Add(compilationUnit, "PoolRuntime");
        }

        var changed = document.WithSyntaxRoot(changedRoot);
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return swaps
            ? await UnusedUsings.RemoveIfUnusedAsync(changed, "System.Collections.Concurrent", cancellationToken).ConfigureAwait(false)
            : changed;
    }
}
