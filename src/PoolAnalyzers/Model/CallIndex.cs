using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
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
    private static readonly HashSet<string> BlockingNames = new(StringComparer.Ordinal) { "Take", "TryTake", "Wait", "WaitOne", "Result", "GetResult" };

    private const string FinallyKeyword = "finally";

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
        // First the members (down through namespaces and types only, which is cheap) and the names they declare.
        var members = new List<(string Text, SyntaxNode Root, SyntaxNode Member, string Name)>();
        var known = new NameTable();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = tree.GetRoot();
            var text = tree.GetText().ToString();
            foreach (var node in root.DescendantNodes(n => n is not MemberDeclarationSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                var name = node switch
                {
                    MethodDeclarationSyntax method => method.Identifier.ValueText,
                    PropertyDeclarationSyntax property => property.Identifier.ValueText,
                    ConstructorDeclarationSyntax or IndexerDeclarationSyntax or OperatorDeclarationSyntax => string.Empty,
                    _ => null,
                };
                if (name is not null)
                {
                    members.Add((text, root, node, name));
                    known.Add(name);
                }
            }
        }

        foreach (var name in BlockingNames)
        {
            known.Add(name);
        }

        known.Add(FinallyKeyword);

        // Then each member's text, for the known names it mentions: a tenth of the cost of walking its tokens. Names
        // in comments and strings count too: an over-estimate, which is safe for a filter that only decides what to bind.
        var functions = new List<(string Name, List<string> Mentions)>(members.Count);
        var calledInFinally = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (text, root, member, name) in members)
        {
            var mentions = new List<string>();
            foreach (var (word, position) in known.Find(text, member.Span.Start, member.Span.End))
            {
                if (ReferenceEquals(word, FinallyKeyword))
                {
                    if (root.FindToken(position).Parent is FinallyClauseSyntax @finally)
                    {
                        calledInFinally.UnionWith(@finally.Block.DescendantNodes().OfType<InvocationExpressionSyntax>().Select(call => CalledName(call.Expression)).OfType<string>());
                    }
                }
                else
                {
                    mentions.Add(word);
                }
            }

            if (name.Length > 0)
            {
                functions.Add((name, mentions));
            }
        }

        var mayBlock = new HashSet<string>(functions.Where(f => f.Mentions.Any(BlockingNames.Contains)).Select(f => f.Name), StringComparer.Ordinal);
        for (var round = 0; round < 8; round++)
        {
            var before = mayBlock.Count;
            foreach (var (name, mentions) in functions)
            {
                if (!mayBlock.Contains(name) && mentions.Any(mayBlock.Contains))
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

    private static string? CalledName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };
}
