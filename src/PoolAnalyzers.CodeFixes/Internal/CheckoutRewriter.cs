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
        if (invocation.Expression is not MemberAccessExpressionSyntax access || !AwaitableShapes.CanAwaitAt(invocation))
        {
            return false;
        }

        return (kind, access.Name.Identifier.ValueText) switch
        {
            (FixKinds.TakeAsync, "Take") => true,
            (FixKinds.WaitAsync, "Wait") => true,
            (FixKinds.TryTakeAsync, "TryTake") => AwaitableShapes.TryTakeShape.Of(invocation) is not null,
            (FixKinds.SwapThenTakeAsync, "Take") => true,
            (FixKinds.SwapThenTakeAsync, "TryTake") => AwaitableShapes.TryTakeShape.Of(invocation) is not null,
            _ => false,
        };
    }

    /// <summary>The rewrite for a Take or TryTake on a pool that is (or is about to be) an AsyncPool.</summary>
    public static string KindFor(InvocationExpressionSyntax invocation) =>
        ((MemberAccessExpressionSyntax)invocation.Expression).Name.Identifier.ValueText == "TryTake" ? FixKinds.TryTakeAsync : FixKinds.TakeAsync;

    public static void Rewrite(DocumentEditor editor, InvocationExpressionSyntax invocation, string kind, AnalyzerConfigOptionsProvider options) =>
        Rewrite(editor, editor.SemanticModel, invocation, kind, options, token: null);

    /// <summary>
    /// The same rewrite through any editor whose nodes <paramref name="model"/> has bound (the async twin's writer edits
    /// a copy of the wrapper this way), passing <paramref name="token"/> when given, else the one token in scope.
    /// </summary>
    public static void Rewrite(SyntaxEditor editor, SemanticModel model, InvocationExpressionSyntax invocation, string kind, AnalyzerConfigOptionsProvider options, string? token)
    {
        var access = (MemberAccessExpressionSyntax)invocation.Expression;
        if (kind == FixKinds.TryTakeAsync)
        {
            RewriteTryTake(editor, invocation, AwaitableShapes.TryTakeShape.Of(invocation)!, model, options, token);
            return;
        }

        var asyncName = kind == FixKinds.TakeAsync ? "TakeAsync" : "WaitAsync";
        var arguments = AwaitRewriter.WithToken(invocation.ArgumentList, TokenFor(model, invocation, token));
        var call = InvocationExpression(access.WithName(IdentifierName(asyncName)), arguments);
        editor.ReplaceNode(invocation, AwaitRewriter.Await(call, invocation.SyntaxTree, options).WithTriviaFrom(invocation));
    }

    private static void RewriteTryTake(SyntaxEditor editor, InvocationExpressionSyntax invocation, AwaitableShapes.TryTakeShape shape, SemanticModel model, AnalyzerConfigOptionsProvider options, string? token)
    {
        var access = (MemberAccessExpressionSyntax)invocation.Expression;

        // TryTake(out x, timeout[, token]) -> TryTakeAsync(timeout[, token]), plus the token in scope if it had none.
        var rest = ArgumentList(SeparatedList(invocation.ArgumentList.Arguments.RemoveAt(0)));
        rest = AwaitRewriter.WithToken(rest, TokenFor(model, invocation, token));
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

    /// <summary>The token to pass: none when the call already passes one, else the given one, else the one in scope.</summary>
    private static string? TokenFor(SemanticModel model, InvocationExpressionSyntax invocation, string? token)
    {
        var inScope = AwaitRewriter.TokenInScope(model, invocation, invocation.ArgumentList);
        return token is null ? inScope
            : invocation.ArgumentList.Arguments.Any(a => model.GetTypeInfo(a.Expression).Type?.Name == "CancellationToken") ? null
            : token;
    }
}
