using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PoolAnalyzers.Model;

/// <summary>
/// A syntax-only index of the compilation (no binding): which method names may reach a blocking call by name, so that
/// the cross-call search binds only their bodies, and which method names are called inside a <c>finally</c> (a
/// put-back method in another type's <c>finally</c> marks a pool). Only the member declarations are listed up front;
/// a member's text is read when the search first asks about its name, so a compilation pays for the methods its async
/// code calls, not for every line it has.
/// </summary>
internal sealed class CallIndex
{
    /// <summary>The names a blocking call has: a take, a gate's wait, or a blocking wait on a task.</summary>
    private static readonly HashSet<string> BlockingNames = new(StringComparer.Ordinal) { "Take", "TryTake", "Wait", "WaitOne", "Result", "GetResult" };

    private const string FinallyKeyword = "finally";

    private readonly Lazy<Declarations> _declarations;
    private readonly Lazy<HashSet<string>> _calledInFinally;
    private readonly ConcurrentDictionary<string, bool> _mayBlock = new(StringComparer.Ordinal);

    public CallIndex(Compilation compilation)
    {
        _declarations = new Lazy<Declarations>(() => Declarations.Of(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
        _calledInFinally = new Lazy<HashSet<string>>(() => CalledInFinally(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether a function of this name mentions a blocking call, or a name that does, up to eight calls deep.</summary>
    public bool MayBlock(string name) =>
        _mayBlock.TryGetValue(name, out var known) ? known : Search(name, new Dictionary<string, bool>(StringComparer.Ordinal), 0).MayBlock;

    public bool IsCalledInFinally(string name) => _calledInFinally.Value.Contains(name);

    /// <summary>
    /// Whether the members of this name may block, and whether that answer holds on its own: a "no" that relied on a
    /// name still being searched further up (a cycle) or on the depth limit is used by this search but not remembered.
    /// </summary>
    private (bool MayBlock, bool Settled) Search(string name, Dictionary<string, bool> searching, int depth)
    {
        if (_mayBlock.TryGetValue(name, out var known))
        {
            return (known, true);
        }

        if (searching.TryGetValue(name, out var assumed) || depth > BlockingCheckouts.MaxDepth)
        {
            return (assumed, false);
        }

        // Until this name is decided, a cycle back to it counts as "no".
        searching[name] = false;
        var declarations = _declarations.Value;
        var mayBlock = false;
        var settled = true;
        foreach (var member in declarations.Named(name))
        {
            var text = member.SyntaxTree.GetText().ToString(member.Span);
            foreach (var (word, _) in declarations.Names.Find(text, 0, text.Length))
            {
                if (BlockingNames.Contains(word))
                {
                    mayBlock = true;
                    break;
                }

                if (!string.Equals(word, name, StringComparison.Ordinal))
                {
                    var inner = Search(word, searching, depth + 1);
                    settled &= inner.Settled;
                    if (inner.MayBlock)
                    {
                        mayBlock = true;
                        break;
                    }
                }
            }

            if (mayBlock)
            {
                break;
            }
        }

        searching[name] = mayBlock;
        if (mayBlock || settled)
        {
            _mayBlock.TryAdd(name, mayBlock);
            return (mayBlock, true);
        }

        return (false, false);
    }

    /// <summary>
    /// The names of the methods called inside a <c>finally</c> block. The word is found in each file's text (a fast
    /// search), and the syntax is looked at only where it stands.
    /// </summary>
    private static HashSet<string> CalledInFinally(Compilation compilation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var text = tree.GetText().ToString();
            var root = default(SyntaxNode);
            for (var at = text.IndexOf(FinallyKeyword, StringComparison.Ordinal); at >= 0; at = text.IndexOf(FinallyKeyword, at + FinallyKeyword.Length, StringComparison.Ordinal))
            {
                root ??= tree.GetRoot();
                if (root.FindToken(at).Parent is FinallyClauseSyntax @finally && @finally.FinallyKeyword.SpanStart == at)
                {
                    names.UnionWith(@finally.Block.DescendantNodes().OfType<InvocationExpressionSyntax>().Select(call => CalledName(call.Expression)).OfType<string>());
                }
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

    /// <summary>
    /// The compilation's method and property declarations by name (found by descending through namespaces and types
    /// only, which is cheap), and a table of those names and the blocking ones to find in a member's text. The
    /// declarations of one name are chained through an array rather than kept in a list per name: most names have one.
    /// </summary>
    private sealed class Declarations
    {
        private readonly Dictionary<string, int> _firstByName = new(StringComparer.Ordinal);
        private readonly List<(SyntaxNode Member, int Next)> _members = [];

        public NameTable Names { get; } = new();

        public IEnumerable<SyntaxNode> Named(string name)
        {
            for (var i = _firstByName.TryGetValue(name, out var first) ? first : -1; i >= 0; i = _members[i].Next)
            {
                yield return _members[i].Member;
            }
        }

        public static Declarations Of(Compilation compilation)
        {
            var declarations = new Declarations();
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot().DescendantNodes(n => n is not MemberDeclarationSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    var name = node switch
                    {
                        MethodDeclarationSyntax method => method.Identifier.ValueText,
                        PropertyDeclarationSyntax property => property.Identifier.ValueText,
                        _ => null,
                    };
                    if (name is not null)
                    {
                        if (declarations._firstByName.TryGetValue(name, out var next))
                        {
                            declarations._firstByName[name] = declarations._members.Count;
                        }
                        else
                        {
                            next = -1;
                            declarations._firstByName.Add(name, declarations._members.Count);
                            declarations.Names.Add(name);
                        }

                        declarations._members.Add((node, next));
                    }
                }
            }

            foreach (var name in BlockingNames)
            {
                declarations.Names.Add(name);
            }

            return declarations;
        }
    }
}
