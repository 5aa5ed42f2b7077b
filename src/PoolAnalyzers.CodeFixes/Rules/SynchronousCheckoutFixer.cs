using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PoolAnalyzers.CodeFixes.Internal;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.CodeFixes.Rules;

/// <summary>
/// POOL003. On an AsyncPool or a pool's SemaphoreSlim gate:
/// <c>pool.Take()</c> becomes <c>await pool.TakeAsync()</c>;
/// <c>if (!pool.TryTake(out var c, t)) X;</c> becomes <c>var c = await pool.TryTakeAsync(t); if (c is null) X;</c>
/// (and <c>if (pool.TryTake(...))</c> tests <c>c != null</c>);
/// <c>gate.Wait(t)</c> becomes <c>await gate.WaitAsync(t)</c>, keeping its bool.
/// On a BlockingCollection pool, the pool becomes an AsyncPool first. At a call of the application's own blocking
/// wrapper, "Use an async checkout": <c>GetConnection()</c> becomes <c>await GetConnectionAsync()</c>, calling the
/// twin that exists or writing it beside the wrapper (once, however many calls Fix All rewrites).
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
        FixKinds.AddAsyncTwin or FixKinds.CallAsyncTwin => "Use an async checkout",
        _ => "Await WaitAsync",
    };

    /// <inheritdoc/>
    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, string kind) =>
        NodeAt(root, diagnostic) is InvocationExpressionSyntax invocation
        && (kind is FixKinds.AddAsyncTwin or FixKinds.CallAsyncTwin
            ? AwaitableShapes.CanAwaitAt(invocation) && (kind == FixKinds.CallAsyncTwin || FixProperties.Leads(diagnostic).Count() == 2)
            : CheckoutRewriter.CanRewrite(invocation, kind));

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
    protected override IEnumerable<Location> EditsElsewhere(Diagnostic diagnostic) =>
        Kind(diagnostic) == FixKinds.AddAsyncTwin ? FixProperties.Leads(diagnostic).Concat(FixProperties.Creations(diagnostic)) : [];

    /// <inheritdoc/>
    protected override Task FixAsync(FixEdits edits, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = edits.Editor;
        var options = editor.OriginalDocument.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
        var swappedCreations = new HashSet<SyntaxNode>();
        var swappedDeclarations = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            var invocation = (InvocationExpressionSyntax)NodeAt(editor.OriginalRoot, diagnostic);
            var kind = Kind(diagnostic)!;
            switch (kind)
            {
                case FixKinds.AddAsyncTwin or FixKinds.CallAsyncTwin:
                    if (Twin(invocation, kind, editor.SemanticModel, cancellationToken) is var (name, tokenParameter))
                    {
                        var called = (IMethodSymbol)editor.SemanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol!;
                        var named = called.Parameters.Any(p => p.IsOptional || p.IsParams) || invocation.ArgumentList.Arguments.Any(a => a.NameColon is not null);
                        editor.ReplaceNode(invocation, AsyncTwinWriter.AwaitedCall(invocation, name, tokenParameter, named, editor.SemanticModel, options));
                    }

                    continue;
                case FixKinds.SwapThenTakeAsync:
                    // The pool becomes an AsyncPool (once, however many calls take from it), then the call is rewritten as on one.
                    foreach (var creation in AsyncPoolSwap.Creations(editor.OriginalRoot, diagnostic))
                    {
                        if (swappedCreations.Add(creation))
                        {
                            AsyncPoolSwap.Swap(editor, creation, swappedDeclarations, cancellationToken);
                            edits.SwappedToAsyncPool();
                        }
                    }

                    kind = CheckoutRewriter.KindFor(invocation);
                    break;
            }

            CheckoutRewriter.Rewrite(editor, invocation, kind, options);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The async twins to write in this document (one per wrapper, however many calls need it) and the pools to swap
    /// here for them.
    /// </summary>
    protected override Task FixFromElsewhereAsync(FixEdits edits, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = edits.Editor;
        var root = editor.OriginalRoot;
        var options = editor.OriginalDocument.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
        var twins = new HashSet<SyntaxNode>();
        var swappedCreations = new HashSet<SyntaxNode>();
        var swappedDeclarations = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics.Where(d => Kind(d) == FixKinds.AddAsyncTwin))
        {
            var leads = FixProperties.Leads(diagnostic).ToList();
            if (leads[0].SourceTree == root.SyntaxTree
                && root.FindNode(leads[0].SourceSpan) is MethodDeclarationSyntax wrapper
                && root.FindNode(leads[1].SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax blockingCall
                && CheckoutKind(blockingCall, editor.SemanticModel, cancellationToken) is { } checkoutKind
                && twins.Add(wrapper))
            {
                var twin = AsyncTwinWriter.Twin(wrapper, blockingCall, checkoutKind, editor.SemanticModel, editor.OriginalDocument.Project.Solution.Services, options, cancellationToken);
                editor.InsertAfter(wrapper, twin.Method);
                edits.Import("System.Threading.Tasks");
                if (twin.AddsToken)
                {
                    edits.Import("System.Threading");
                }
            }

            foreach (var creation in AsyncPoolSwap.Creations(root, diagnostic))
            {
                if (swappedCreations.Add(creation))
                {
                    AsyncPoolSwap.Swap(editor, creation, swappedDeclarations, cancellationToken);
                    edits.SwappedToAsyncPool();
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The rewrite of the wrapper's blocking call inside its twin, by the type it is called on.</summary>
    private static string? CheckoutKind(InvocationExpressionSyntax blockingCall, SemanticModel model, CancellationToken cancellationToken)
    {
        var method = model.GetSymbolInfo(blockingCall, cancellationToken).Symbol as IMethodSymbol;
        return method?.ContainingType switch
        {
            { Name: "AsyncPool", ContainingNamespace.Name: "PoolRuntime" } => CheckoutRewriter.KindFor(blockingCall),
            { Name: "BlockingCollection" } => FixKinds.SwapThenTakeAsync,
            { Name: "SemaphoreSlim" } => FixKinds.WaitAsync,
            _ => null,
        };
    }

    /// <summary>
    /// The twin a call of a wrapper goes to, and the name of the CancellationToken parameter it has beyond the wrapper's
    /// (null when none): the one the analyzer matched (same parameters, perhaps one token more), or the one the fix writes.
    /// </summary>
    private static (string Name, string? TokenParameter)? Twin(InvocationExpressionSyntax call, string kind, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { } called)
        {
            return null;
        }

        var wrapper = called.ReducedFrom ?? called;
        var name = wrapper.Name + "Async";
        if (kind == FixKinds.AddAsyncTwin)
        {
            return (name, wrapper.Parameters.Any(p => p.Type.Name == "CancellationToken") ? null : AsyncTwinWriter.WrittenTokenName);
        }

        for (var type = wrapper.ContainingType; type is not null; type = type.BaseType)
        {
            foreach (var twin in type.GetMembers(name).OfType<IMethodSymbol>())
            {
                var extra = twin.Parameters.Length - wrapper.Parameters.Length;
                if (extra is 0 or 1 && wrapper.Parameters.Select(p => p.Type.Name).SequenceEqual(twin.Parameters.Take(wrapper.Parameters.Length).Select(p => p.Type.Name)))
                {
                    return (name, extra == 1 ? twin.Parameters[twin.Parameters.Length - 1].Name : null);
                }
            }
        }

        return null;
    }

    private static async Task<bool> ReceiverIsAsyncPoolAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is not null && NodeAt(root, diagnostic) is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            && model?.GetTypeInfo(access.Expression, cancellationToken).Type is INamedTypeSymbol { Name: "AsyncPool", ContainingNamespace.Name: "PoolRuntime" };
    }
}
