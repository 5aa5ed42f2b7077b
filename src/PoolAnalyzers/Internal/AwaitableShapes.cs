using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PoolAnalyzers.Internal;

/// <summary>
/// Syntax shapes an <c>await</c> can replace a blocking call in. The analyzers ask them before they promise a fix in a
/// message, and the fixes ask them again before they rewrite, so that both agree.
/// </summary>
internal static class AwaitableShapes
{
    /// <summary>
    /// Whether an <c>await</c> may replace <paramref name="node"/>: not inside a <c>lock</c>, a <c>catch</c> filter, a
    /// query clause or the right side of a <c>?.</c> (where the fix would not compile or would change what is evaluated).
    /// </summary>
    public static bool CanAwaitAt(SyntaxNode node)
    {
        for (var current = node; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case LockStatementSyntax lockStatement when lockStatement.Statement == current:
                case CatchFilterClauseSyntax:
                case QueryExpressionSyntax:
                case ConditionalAccessExpressionSyntax conditional when conditional.WhenNotNull == current:
                    return false;
                case MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                    return true;
            }
        }

        return true;
    }

    /// <summary>Whether a Take/TryTake/Wait call can become its awaited form here (a TryTake only in the statement shapes <see cref="TryTakeShape"/> knows).</summary>
    public static bool CanRewriteCheckout(SyntaxNode call) =>
        call is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
        && CanAwaitAt(invocation)
        && (access.Name.Identifier.ValueText != "TryTake" || TryTakeShape.Of(invocation) is not null);

    /// <summary>The statement shapes around a TryTake call that have a faithful rewrite; anything else gets no fix.</summary>
    internal sealed class TryTakeShape
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
