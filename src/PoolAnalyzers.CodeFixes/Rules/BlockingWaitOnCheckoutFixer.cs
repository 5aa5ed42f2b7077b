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
/// POOL002: <c>t.Result</c>, <c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c> and <c>t.AsTask().Result</c> become
/// <c>await t</c> (keeping a <c>ConfigureAwait</c>); <c>t.Wait(timeout)</c> whose result is unused becomes
/// <c>await t.WaitAsync(timeout)</c> (milliseconds become a TimeSpan). The code is already in an async function, so no signature changes.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingWaitOnCheckoutFixer)), Shared]
public sealed class BlockingWaitOnCheckoutFixer : PoolCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.BlockingWaitOnCheckout];

    /// <inheritdoc/>
    protected override string Title(string kind) => kind == FixKinds.AwaitWaitAsync ? "Await WaitAsync instead of Wait" : "Await the checkout";

    /// <inheritdoc/>
    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, string kind) =>
        Task(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)) is not null;

    /// <inheritdoc/>
    protected override Task FixAsync(DocumentEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var options = editor.OriginalDocument.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
        foreach (var diagnostic in diagnostics)
        {
            var blockingWait = editor.OriginalRoot.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var task = Task(blockingWait)!;
            if (Kind(diagnostic) == FixKinds.AwaitWaitAsync)
            {
                // t.Wait(timeout) -> await t.WaitAsync(timeout); an AsTask() stays, since ValueTask has no WaitAsync.
                // Task.WaitAsync takes a TimeSpan where Wait took milliseconds.
                var wait = (InvocationExpressionSyntax)blockingWait;
                var timeSpan = editor.SemanticModel.Compilation.GetTypeByMetadataName("System.TimeSpan")!;
                var arguments = wait.ArgumentList.Arguments.Select(argument =>
                    editor.SemanticModel.GetTypeInfo(argument.Expression, cancellationToken).Type?.SpecialType == SpecialType.System_Int32
                        ? argument.WithExpression((ExpressionSyntax)editor.Generator.InvocationExpression(
                            editor.Generator.MemberAccessExpression(editor.Generator.TypeExpression(timeSpan), "FromMilliseconds"),
                            argument.Expression))
                        : argument);
                task = SyntaxFactory.InvocationExpression(
                    ((MemberAccessExpressionSyntax)wait.Expression).WithName(SyntaxFactory.IdentifierName("WaitAsync")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
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
