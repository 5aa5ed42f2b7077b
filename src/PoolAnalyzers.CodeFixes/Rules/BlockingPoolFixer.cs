using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PoolAnalyzers.CodeFixes.Internal;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.CodeFixes.Rules;

/// <summary>
/// POOL001 (a): swaps a BlockingCollection&lt;T&gt; pool for PoolRuntime.AsyncPool&lt;T&gt;, in the creation and in
/// the declared type of the field, property or local that holds it, and adds <c>using PoolRuntime;</c>. AsyncPool has
/// the same constructors (capacity, pre-filling collection) and verbs (Add, Take, TryTake), so the rest of the code
/// keeps compiling; the analyzer offers the fix only when every use of the pool is one AsyncPool also has.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingPoolFixer)), Shared]
public sealed class BlockingPoolFixer : PoolCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.BlockingPool];

    /// <inheritdoc/>
    protected override string Title(string kind) => "Use PoolRuntime.AsyncPool<T>";

    /// <inheritdoc/>
    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, string kind) =>
        NodeAt(root, diagnostic) is BaseObjectCreationExpressionSyntax;

    /// <inheritdoc/>
    protected override Task FixAsync(FixEdits edits, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = edits.Editor;
        var options = editor.OriginalDocument.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
        var swappedDeclarations = new HashSet<SyntaxNode>();
        var swappedCreations = new HashSet<SyntaxNode>();
        var awaited = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            // Every creation of the pool (a field assigned in several constructors), not only this one.
            foreach (var creation in AsyncPoolSwap.Creations(editor.OriginalRoot, diagnostic))
            {
                if (swappedCreations.Add(creation))
                {
                    AsyncPoolSwap.Swap(editor, creation, swappedDeclarations, cancellationToken);
                    edits.SwappedToAsyncPool();
                }
            }

            // The pool's Take/TryTake calls in async code (POOL003) are awaited in the same edit.
            foreach (var checkout in AsyncPoolSwap.Checkouts(editor.OriginalRoot, diagnostic))
            {
                if (CheckoutRewriter.CanRewrite(checkout, FixKinds.SwapThenTakeAsync) && awaited.Add(checkout))
                {
                    CheckoutRewriter.Rewrite(editor, checkout, CheckoutRewriter.KindFor(checkout), options);
                }
            }
        }

        return Task.CompletedTask;
    }
}
