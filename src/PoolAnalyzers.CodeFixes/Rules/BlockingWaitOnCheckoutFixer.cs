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
/// POOL002: <c>t.Result</c>, <c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c> and <c>t.AsTask().Result</c> become
/// <c>await t</c> (keeping a <c>ConfigureAwait</c>); <c>t.Wait(timeout)</c> whose result is unused becomes
/// <c>await Task.WhenAny(t, Task.Delay(timeout))</c>, which goes on when the time is up as Wait does. The code is already in an async function, so no signature changes.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingWaitOnCheckoutFixer)), Shared]
public sealed class BlockingWaitOnCheckoutFixer : PoolCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.BlockingWaitOnCheckout];

    /// <inheritdoc/>
    protected override string Title(string kind) => kind == FixKinds.AwaitWhenAnyDelay ? "Await Task.WhenAny with a Task.Delay instead of Wait" : "Await the checkout";

    /// <inheritdoc/>
    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, string kind)
    {
        var node = NodeAt(root, diagnostic);
        return Task(node) is not null && AwaitableShapes.CanAwaitAt(node)
            && (kind != FixKinds.AwaitWhenAnyDelay || node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 });
    }

    /// <inheritdoc/>
    protected override Task FixAsync(FixEdits edits, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = edits.Editor;
        var options = editor.OriginalDocument.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
        foreach (var diagnostic in diagnostics)
        {
            var blockingWait = NodeAt(editor.OriginalRoot, diagnostic);
            var task = Task(blockingWait)!;
            if (Kind(diagnostic) == FixKinds.AwaitWhenAnyDelay)
            {
                // t.Wait(timeout); -> await Task.WhenAny(t, Task.Delay(timeout)); : it waits without a thread and, like
                // Wait, goes on when the time is up (WaitAsync would throw a TimeoutException instead).
                var timeout = ((InvocationExpressionSyntax)blockingWait).ArgumentList.Arguments[0].Expression;
                var taskType = editor.Generator.TypeExpression(editor.SemanticModel.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task")!);
                task = (ExpressionSyntax)editor.Generator.InvocationExpression(
                    editor.Generator.MemberAccessExpression(taskType, "WhenAny"),
                    ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)blockingWait).Expression).Expression,
                    editor.Generator.InvocationExpression(editor.Generator.MemberAccessExpression(taskType, "Delay"), timeout));
            }

            editor.ReplaceNode(blockingWait, AwaitRewriter.Await(task, blockingWait.SyntaxTree, options).WithTriviaFrom(blockingWait));
        }

        return System.Threading.Tasks.Task.CompletedTask;
    }

    /// <summary>The awaitable inside the blocking wait: what goes after <c>await</c>.</summary>
    private static ExpressionSyntax? Task(SyntaxNode node)
    {
        switch (node)
        {
            // t.Result
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result:
                return WithoutAsTask(result.Expression);

            // t.GetAwaiter().GetResult(), t.ConfigureAwait(false).GetAwaiter().GetResult()
            case InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "GetResult",
                    Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter },
                },
            }:
                return WithoutAsTask(getAwaiter.Expression);

            // t.Wait(), t.Wait(timeout)
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait }:
                return WithoutAsTask(wait.Expression);

            default:
                return null;
        }
    }

    private static ExpressionSyntax WithoutAsTask(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsTask" } asTask, ArgumentList.Arguments.Count: 0 }
            ? asTask.Expression
            : expression;
}
