using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PoolAnalyzers.Model;

/// <summary>
/// A syntax-only index of the compilation, built once by one walk over its trees (no binding): which method names
/// may reach a blocking call by name, so that the cross-call search binds only their bodies, and which method names
/// are called inside a <c>finally</c> (a put-back method in another type's <c>finally</c> marks a pool).
/// </summary>
internal sealed class CallIndex
{
    /// <summary>The names a blocking call has: a take, a gate's wait, or a blocking wait on a task.</summary>
    private static readonly HashSet<string> BlockingNames = ["Take", "TryTake", "Wait", "WaitOne", "Result", "GetResult"];

    private readonly HashSet<string> _mayBlock;
    private readonly HashSet<string> _calledInFinally;

    private CallIndex(HashSet<string> mayBlock, HashSet<string> calledInFinally)
    {
        _mayBlock = mayBlock;
        _calledInFinally = calledInFinally;
    }

    /// <summary>Whether a function of this name mentions a blocking call, or a name that does, up to eight calls deep.</summary>
    public bool MayBlock(string name) => _mayBlock.Contains(name);

    public bool IsCalledInFinally(string name) => _calledInFinally.Contains(name);

    public static CallIndex Build(Compilation compilation)
    {
        var functions = new List<(string Name, HashSet<string> Mentions)>();
        var calledInFinally = new HashSet<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                switch (node)
                {
                    case FinallyClauseSyntax @finally:
                        calledInFinally.UnionWith(@finally.Block.DescendantNodes().OfType<InvocationExpressionSyntax>().Select(call => CalledName(call.Expression)).OfType<string>());
                        break;
                    case MethodDeclarationSyntax method:
                        functions.Add((method.Identifier.ValueText, Mentions(method)));
                        break;
                    case LocalFunctionStatementSyntax localFunction:
                        functions.Add((localFunction.Identifier.ValueText, Mentions(localFunction)));
                        break;
                    case PropertyDeclarationSyntax property when property.ExpressionBody is not null || property.AccessorList is not null:
                        functions.Add((property.Identifier.ValueText, Mentions(property)));
                        break;
                }
            }
        }

        var mayBlock = new HashSet<string>(functions.Where(f => f.Mentions.Overlaps(BlockingNames)).Select(f => f.Name));
        for (var round = 0; round < 8; round++)
        {
            var before = mayBlock.Count;
            foreach (var (name, mentions) in functions)
            {
                if (!mayBlock.Contains(name) && mentions.Overlaps(mayBlock))
                {
                    mayBlock.Add(name);
                }
            }

            if (mayBlock.Count == before)
            {
                break;
            }
        }

        return new CallIndex(mayBlock, calledInFinally);
    }

    private static HashSet<string> Mentions(SyntaxNode function)
    {
        var names = new HashSet<string>();
        foreach (var token in function.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                names.Add(token.ValueText);
            }
        }

        return names;
    }

    private static string? CalledName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };
}
