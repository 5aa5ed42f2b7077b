using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.CodeFixes.Internal;

/// <summary>
/// The base of every fixer. The analyzer puts the kind of rewrite in the diagnostic's <see cref="FixKinds.PropertyName"/>
/// property (no property: no safe rewrite, no fix), and the locations the fix needs in its additional locations, so a
/// fix reads only the documents it edits. The kind is the code action's equivalence key. Fix All (document, project,
/// solution) edits each document once, for the diagnostics located in it and for those that edit it from elsewhere
/// (an async twin is written in the wrapper's file for a call in another).
/// </summary>
public abstract class PoolCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    /// <remarks>
    /// Fix All applies every diagnostic's own rewrite, whatever kind the invoking action was: each diagnostic of a rule has
    /// exactly one safe rewrite, and dotnet format runs Fix All once per rule with the first diagnostic's action, so a
    /// filter by equivalence key would leave the other kinds unfixed.
    /// </remarks>
    public sealed override FixAllProvider GetFixAllProvider() => new SolutionFixAll(this);

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

            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(
                CodeAction.Create(Title(kind), ct => FixAsync(solution, [diagnostic], ct), equivalenceKey: kind),
                diagnostic);
        }
    }

    /// <summary>The title shown in the light bulb for one kind of rewrite.</summary>
    protected abstract string Title(string kind);

    /// <summary>Whether the code at the diagnostic has a shape this fixer rewrites; when not, no fix is offered.</summary>
    protected abstract bool CanFix(SyntaxNode root, Diagnostic diagnostic, string kind);

    /// <summary>A semantic check beyond the shape, for rewrites that need one; the default accepts.</summary>
    protected virtual Task<bool> IsSafeAsync(Document document, Diagnostic diagnostic, string kind, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>Rewrites the diagnostics located in this document (each fixable) in one editing pass.</summary>
    protected abstract Task FixAsync(FixEdits edits, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken);

    /// <summary>The locations outside its own document that a diagnostic's fix edits; none by default.</summary>
    protected virtual IEnumerable<Location> EditsElsewhere(Diagnostic diagnostic) => [];

    /// <summary>The edits this document gets from fixes of diagnostics located elsewhere (all the fixable ones of the run); none by default.</summary>
    protected virtual Task FixFromElsewhereAsync(FixEdits edits, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The syntax node a diagnostic points at.</summary>
    protected static SyntaxNode NodeAt(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);

    /// <summary>The rewrite the analyzer chose for a diagnostic; null when there is no safe one.</summary>
    protected static string? Kind(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(FixKinds.PropertyName, out var kind) ? kind : null;

    private async Task<Solution> FixAsync(Solution original, IReadOnlyCollection<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var fixable = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var diagnostic in diagnostics)
        {
            if (original.GetDocument(diagnostic.Location.SourceTree) is { } document
                && await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is { } root
                && Kind(diagnostic) is { } kind && CanFix(root, diagnostic, kind)
                && await IsSafeAsync(document, diagnostic, kind, cancellationToken).ConfigureAwait(false))
            {
                fixable.Add(diagnostic);
            }
        }

        var all = fixable.ToImmutable();
        var documents = all.SelectMany(d => EditsElsewhere(d).Prepend(d.Location))
            .Select(location => original.GetDocument(location.SourceTree))
            .OfType<Document>()
            .GroupBy(document => document.Id)
            .Select(group => group.First())
            .ToList();

        var solution = original;
        foreach (var document in documents)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            var edits = new FixEdits(await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false));
            var here = all.Where(d => d.Location.SourceTree == tree).ToImmutableArray();
            if (!here.IsEmpty)
            {
                await FixAsync(edits, here, cancellationToken).ConfigureAwait(false);
            }

            await FixFromElsewhereAsync(edits, all, cancellationToken).ConfigureAwait(false);
            var changed = await edits.FinishAsync(document, cancellationToken).ConfigureAwait(false);
            solution = solution.WithDocumentSyntaxRoot(document.Id, (await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!);
        }

        return solution;
    }

    /// <summary>Fix All in a document, a project or the solution, as one solution change.</summary>
    private sealed class SolutionFixAll(PoolCodeFixProvider fixer) : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var documents = fixAllContext.Scope switch
            {
                FixAllScope.Document when fixAllContext.Document is { } document => [document],
                FixAllScope.Project => fixAllContext.Project.Documents,
                FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(project => project.Documents),
                _ => Enumerable.Empty<Document>(),
            };

            var diagnostics = new List<Diagnostic>();
            foreach (var document in documents)
            {
                diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false));
            }

            var solution = fixAllContext.Solution;
            return diagnostics.Count == 0
                ? null
                : CodeAction.Create(fixAllContext.CodeActionEquivalenceKey ?? "Fix all", ct => fixer.FixAsync(solution, diagnostics, ct), fixAllContext.CodeActionEquivalenceKey);
        }
    }
}
