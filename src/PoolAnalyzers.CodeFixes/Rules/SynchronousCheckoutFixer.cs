using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using PoolAnalyzers.CodeFixes.Internal;
using PoolAnalyzers.Internal;


namespace PoolAnalyzers.CodeFixes.Rules;

/// <summary>
/// POOL003 on an AsyncPool or a pool's SemaphoreSlim gate:
/// <c>pool.Take()</c> becomes <c>await pool.TakeAsync()</c>;
/// <c>if (!pool.TryTake(out var c, t)) X;</c> becomes <c>var c = await pool.TryTakeAsync(t); if (c is null) X;</c>
/// (and <c>if (pool.TryTake(...))</c> tests <c>c != null</c>);
/// <c>gate.Wait(t)</c> becomes <c>await gate.WaitAsync(t)</c>, keeping its bool.
/// The one CancellationToken in scope is passed along when the call had none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SynchronousCheckoutFixer)), Shared]
public sealed class SynchronousCheckoutFixer : PoolCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.SynchronousCheckout];

    /// <inheritdoc/>
    protected override string Title(string kind) => kind switch
    {
        FixKinds.TakeAsync => "Await TakeAsync",
        FixKinds.TryTakeAsync => "Await TryTakeAsync and test for null",
        FixKinds.SwapThenTakeAsync => "Make the pool an AsyncPool<T> and await its checkout",
        _ => "Await WaitAsync",
    };

    /// <inheritdoc/>
    protected override bool SwapsToAsyncPool(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Any(d => Kind(d) == FixKinds.SwapThenTakeAsync);

    /// <inheritdoc/>
    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, string kind) =>
        NodeAt(root, diagnostic) is InvocationExpressionSyntax invocation
        && CheckoutRewriter.CanRewrite(invocation, kind);

    /// <inheritdoc/>
    protected override async Task<bool> IsSafeAsync(Document document, Diagnostic diagnostic, string kind, CancellationToken cancellationToken)
    {
        if (kind != FixKinds.SwapThenTakeAsync)
        {
            return true;
        }

        // The pool may already be an AsyncPool: a POOL001 fix applied earlier in the same run.
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is not null
            && (await ReceiverIsAsyncPoolAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) || !AsyncPoolSwap.Creations(root, diagnostic).IsEmpty);
    }

    /// <inheritdoc/>
    protected override Task FixAsync(DocumentEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var options = editor.OriginalDocument.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
        var swappedCreations = new HashSet<SyntaxNode>();
        var swappedDeclarations = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            var invocation = (InvocationExpressionSyntax)NodeAt(editor.OriginalRoot, diagnostic);
            var kind = Kind(diagnostic)!;
            if (kind == FixKinds.SwapThenTakeAsync)
            {
                // The pool becomes an AsyncPool (once, however many calls take from it), then the call is rewritten as on one.
                foreach (var creation in AsyncPoolSwap.Creations(editor.OriginalRoot, diagnostic))
                {
                    if (swappedCreations.Add(creation))
                    {
                        AsyncPoolSwap.Swap(editor, creation, swappedDeclarations, cancellationToken);
                    }
                }

                kind = CheckoutRewriter.KindFor(invocation);
            }

            CheckoutRewriter.Rewrite(editor, invocation, kind, options);
        }

        return Task.CompletedTask;
    }

    private static async Task<bool> ReceiverIsAsyncPoolAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is not null && NodeAt(root, diagnostic) is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            && model?.GetTypeInfo(access.Expression, cancellationToken).Type is INamedTypeSymbol { Name: "AsyncPool", ContainingNamespace.Name: "PoolRuntime" };
    }
}
