using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using PoolAnalyzers.CodeFixes.Internal;
using PoolAnalyzers.Internal;

using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

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
        _ => "Await WaitAsync",
    };

    /// <inheritdoc/>
    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, string kind)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } invocation)
        {
            return false;
        }

        return kind != FixKinds.TryTakeAsync || TryTakeShape.Of(invocation) is not null;
    }

    /// <inheritdoc/>
    protected override async Task FixAsync(DocumentEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var options = editor.OriginalDocument.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
        var model = editor.SemanticModel;
        foreach (var diagnostic in diagnostics)
        {
            var invocation = (InvocationExpressionSyntax)editor.OriginalRoot.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var access = (MemberAccessExpressionSyntax)invocation.Expression;
            var kind = Kind(diagnostic);
            if (kind == FixKinds.TryTakeAsync)
            {
                RewriteTryTake(editor, invocation, TryTakeShape.Of(invocation)!, model, options);
                continue;
            }

            var asyncName = kind == FixKinds.TakeAsync ? "TakeAsync" : "WaitAsync";
            var arguments = AwaitRewriter.WithToken(invocation.ArgumentList, AwaitRewriter.TokenInScope(model, invocation, invocation.ArgumentList));
            var call = InvocationExpression(access.WithName(IdentifierName(asyncName)), arguments);
            editor.ReplaceNode(invocation, AwaitRewriter.Await(call, invocation.SyntaxTree, options).WithTriviaFrom(invocation));
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static void RewriteTryTake(DocumentEditor editor, InvocationExpressionSyntax invocation, TryTakeShape shape, SemanticModel model, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider options)
    {
        var access = (MemberAccessExpressionSyntax)invocation.Expression;

        // TryTake(out x, timeout[, token]) -> TryTakeAsync(timeout[, token]), plus the token in scope if it had none.
        var rest = ArgumentList(SeparatedList(invocation.ArgumentList.Arguments.RemoveAt(0)));
        rest = AwaitRewriter.WithToken(rest, AwaitRewriter.TokenInScope(model, invocation, invocation.ArgumentList));
        var taken = AwaitRewriter.Await(InvocationExpression(access.WithName(IdentifierName("TryTakeAsync")), rest), invocation.SyntaxTree, options);

        var receive = shape.Declares
            ? LocalDeclarationStatement(VariableDeclaration(IdentifierName("var"), SingletonSeparatedList(VariableDeclarator(shape.Variable).WithInitializer(EqualsValueClause(taken)))))
            : (StatementSyntax)ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(shape.Variable), taken));
        receive = receive.WithAdditionalAnnotations(Formatter.Annotation);

        if (shape.If is null)
        {
            editor.ReplaceNode(shape.Statement, receive.WithTriviaFrom(shape.Statement));
            return;
        }

        var isCSharp9 = ((CSharpParseOptions)invocation.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp9;
        var variable = IdentifierName(shape.Variable);
        ExpressionSyntax condition = shape.Negated
            ? IsPatternExpression(variable, ConstantPattern(LiteralExpression(SyntaxKind.NullLiteralExpression)))
            : isCSharp9
                ? IsPatternExpression(variable, UnaryPattern(ConstantPattern(LiteralExpression(SyntaxKind.NullLiteralExpression))))
                : BinaryExpression(SyntaxKind.NotEqualsExpression, variable, LiteralExpression(SyntaxKind.NullLiteralExpression));

        editor.InsertBefore(shape.If, receive.WithLeadingTrivia(shape.If.GetLeadingTrivia()));
        editor.ReplaceNode(shape.Condition, condition.WithTriviaFrom(shape.Condition));
    }

    /// <summary>The statement shapes around a TryTake call that have a faithful rewrite; anything else gets no fix.</summary>
    private sealed class TryTakeShape
    {
        public string Variable { get; private set; } = string.Empty;

        /// <summary>Whether the call declares its out variable (<c>out var c</c>) rather than assigning an existing one.</summary>
        public bool Declares { get; private set; }

        /// <summary>The <c>if</c> statement whose condition is the call (or its negation); null for a bare statement.</summary>
        public IfStatementSyntax? If { get; private set; }

        public ExpressionSyntax Condition { get; private set; } = null!;

        public bool Negated { get; private set; }

        public StatementSyntax Statement { get; private set; } = null!;

        public static TryTakeShape? Of(InvocationExpressionSyntax invocation)
        {
            var arguments = invocation.ArgumentList.Arguments;
            if (arguments.Count == 0 || !arguments[0].RefKindKeyword.IsKind(SyntaxKind.OutKeyword))
            {
                return null;
            }

            var outArgument = arguments[0];

            var shape = new TryTakeShape();
            switch (outArgument.Expression)
            {
                case DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax single }:
                    shape.Variable = single.Identifier.ValueText;
                    shape.Declares = true;
                    break;
                case IdentifierNameSyntax existing:
                    shape.Variable = existing.Identifier.ValueText;
                    break;
                default:
                    return null; // out _ and other targets have no name to receive the item
            }

            var condition = invocation.Parent is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not ? (ExpressionSyntax)not : invocation;
            switch (condition.Parent)
            {
                case IfStatementSyntax ifStatement when ifStatement.Condition == condition && ifStatement.Parent is BlockSyntax:
                    shape.If = ifStatement;
                    shape.Condition = condition;
                    shape.Negated = condition != invocation;
                    shape.Statement = ifStatement;
                    return shape;
                case ExpressionStatementSyntax statement when condition == invocation && statement.Parent is BlockSyntax:
                    shape.Statement = statement;
                    return shape;
                default:
                    return null;
            }
        }
    }
}
