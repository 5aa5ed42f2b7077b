using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.CodeFixes.Internal;

/// <summary>Builds the <c>await</c> expressions every fix produces.</summary>
internal static class AwaitRewriter
{
    /// <summary>
    /// <c>await task</c> (plus <c>.ConfigureAwait(false)</c> when the project's .editorconfig asks for it), wrapped in
    /// parentheses that the simplifier removes wherever they are not needed: <c>(await t) + 1</c>, <c>!await s.WaitAsync(t)</c>.
    /// </summary>
    public static ExpressionSyntax Await(ExpressionSyntax task, SyntaxTree tree, AnalyzerConfigOptionsProvider? options)
    {
        var awaited = task.WithoutTrivia();
        if (options is not null && PoolAnalyzerOptions.ConfigureAwait(options.GetOptions(tree)) && !IsConfigureAwait(awaited))
        {
            awaited = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(awaited), SyntaxFactory.IdentifierName("ConfigureAwait")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))));
        }

        return SyntaxFactory.ParenthesizedExpression(SyntaxFactory.AwaitExpression(awaited))
            .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
    }

    /// <summary>Adds <paramref name="token"/> as the last argument.</summary>
    public static ArgumentListSyntax WithToken(ArgumentListSyntax arguments, string? token) =>
        token is null ? arguments : arguments.AddArguments(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token)));

    /// <summary>
    /// The one <see cref="System.Threading.CancellationToken"/> in scope (a parameter or local of the enclosing
    /// functions), or <see langword="null"/> when there is none or more than one: then the fix passes none rather than guess.
    /// </summary>
    public static string? TokenInScope(SemanticModel model, SyntaxNode at, ArgumentListSyntax existing)
    {
        if (existing.Arguments.Any(a => (model.GetTypeInfo(a.Expression).ConvertedType ?? model.GetTypeInfo(a.Expression).Type)?.Name == "CancellationToken"))
        {
            return null;
        }

        // Parameters, and locals declared before this point (LookupSymbols also sees those declared later in the block).
        var tokens = model.LookupSymbols(at.SpanStart)
            .Where(s => s switch
            {
                IParameterSymbol parameter => parameter.Type.Name == "CancellationToken",
                ILocalSymbol local => local.Type.Name == "CancellationToken" && local.DeclaringSyntaxReferences.All(r => r.Span.End <= at.SpanStart),
                _ => false,
            })
            .ToList();
        if (tokens.Count != 1)
        {
            return null;
        }

        var name = tokens[0].Name;
        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }

    private static bool IsConfigureAwait(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } };

    private static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression);
}
