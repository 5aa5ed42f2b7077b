using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using PoolAnalyzers.Internal;

using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PoolAnalyzers.CodeFixes.Internal;

/// <summary>
/// Rewrites one synchronous checkout to its awaited form: <c>Take</c> to <c>await TakeAsync</c>, <c>TryTake(out x, t)</c>
/// to <c>x = await TryTakeAsync(t)</c> plus a null test, <c>Wait</c> to <c>await WaitAsync</c>. Shared by the POOL003
/// fix and the POOL001 fix, which awaits the checkouts of the pool it swaps.
/// </summary>
internal static class CheckoutRewriter
{
    /// <summary>
    /// Whether <paramref name="invocation"/> is the call <paramref name="kind"/> rewrites, in a shape with a faithful
    /// rewrite. The method name is checked too: a diagnostic computed before an earlier fix may point elsewhere now.
    /// </summary>
    public static bool CanRewrite(InvocationExpressionSyntax invocation, string kind)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax access || !AwaitRewriter.CanAwaitAt(invocation))
        {
            return false;
        }

        return (kind, access.Name.Identifier.ValueText) switch
        {
            (FixKinds.TakeAsync, "Take") => true,
            (FixKinds.WaitAsync, "Wait") => true,
            (FixKinds.TryTakeAsync, "TryTake") => TryTakeShape.Of(invocation) is not null,
            (FixKinds.SwapThenTakeAsync, "Take") => true,
            (FixKinds.SwapThenTakeAsync, "TryTake") => TryTakeShape.Of(invocation) is not null,
            _ => false,
        };
    }

    /// <summary>The rewrite for a Take or TryTake on a pool that is (or is about to be) an AsyncPool.</summary>
    public static string KindFor(InvocationExpressionSyntax invocation) =>
        ((MemberAccessExpressionSyntax)invocation.Expression).Name.Identifier.ValueText == "TryTake" ? FixKinds.TryTakeAsync : FixKinds.TakeAsync;

    public static void Rewrite(DocumentEditor editor, InvocationExpressionSyntax invocation, string kind, AnalyzerConfigOptionsProvider options)
    {
        var model = editor.SemanticModel;
        var access = (MemberAccessExpressionSyntax)invocation.Expression;
        if (kind == FixKinds.TryTakeAsync)
        {
            RewriteTryTake(editor, invocation, TryTakeShape.Of(invocation)!, model, options);
            return;
        }

        var asyncName = kind == FixKinds.TakeAsync ? "TakeAsync" : "WaitAsync";
        var arguments = AwaitRewriter.WithToken(invocation.ArgumentList, AwaitRewriter.TokenInScope(model, invocation, invocation.ArgumentList));
        var call = InvocationExpression(access.WithName(IdentifierName(asyncName)), arguments);
        editor.ReplaceNode(invocation, AwaitRewriter.Await(call, invocation.SyntaxTree, options).WithTriviaFrom(invocation));
    }

    private static void RewriteTryTake(DocumentEditor editor, InvocationExpressionSyntax invocation, TryTakeShape shape, SemanticModel model, AnalyzerConfigOptionsProvider options)
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

        // The new statement takes over the if's leading trivia (comments, directives); the if keeps only its indentation.
        var leading = shape.If.GetLeadingTrivia();
        var indentation = SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
        var newIf = shape.If.ReplaceNode(shape.Condition, condition.WithTriviaFrom(shape.Condition)).WithLeadingTrivia(indentation);
        editor.InsertBefore(shape.If, receive.WithLeadingTrivia(leading));
        editor.ReplaceNode(shape.If, newIf);
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
                case IdentifierNameSyntax existing when existing.Identifier.ValueText != "_":
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
