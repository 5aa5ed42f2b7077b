using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using PoolAnalyzers.Internal;

using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PoolAnalyzers.CodeFixes.Internal;

/// <summary>
/// The swap of a BlockingCollection&lt;T&gt; pool for AsyncPool&lt;T&gt; (creation and declared type), shared by the
/// POOL001 fix and the POOL003 fix on a BlockingCollection receiver, which swaps the pool before rewriting the call.
/// Whether a pool may be swapped is the analyzer's decision (only it sees every use of the pool): it lists the
/// creations to swap, and the checkouts to await, in the diagnostic's additional locations, so a fix reads one document.
/// </summary>
internal static class AsyncPoolSwap
{
    private static readonly Dictionary<string, string> RenamedParameters = new()
    {
        ["boundedCapacity"] = "maxSize",
        ["collection"] = "items",
    };

    /// <summary>Swaps one creation and, once per declaration, the declared type of what holds it.</summary>
    public static void Swap(DocumentEditor editor, BaseObjectCreationExpressionSyntax creation, HashSet<SyntaxNode> swappedDeclarations, CancellationToken cancellationToken)
    {
        var model = editor.SemanticModel;
        var asyncPool = model.Compilation.GetTypeByMetadataName("PoolRuntime.AsyncPool`1");
        if (asyncPool is null || model.GetTypeInfo(creation, cancellationToken).Type is not INamedTypeSymbol { TypeArguments.Length: 1 } collectionType)
        {
            return;
        }

        var poolType = (TypeSyntax)editor.Generator.TypeExpression(asyncPool.Construct(collectionType.TypeArguments[0]))
            .WithAdditionalAnnotations(Simplifier.Annotation);

        // new BlockingCollection<T>(..) -> new AsyncPool<T>(..); a target-typed new(..) follows its declaration.
        // BlockingCollection(collection) has no bound, where AsyncPool(items) is bounded by the items: keep it unbounded.
        var arguments = RenameArguments(creation.ArgumentList) ?? ArgumentList();
        if (creation.ArgumentList is { Arguments.Count: 1 } original
            && model.GetTypeInfo(original.Arguments[0].Expression, cancellationToken).Type?.SpecialType != SpecialType.System_Int32)
        {
            var unbounded = Argument(ParseExpression("int.MaxValue"));
            arguments = arguments.AddArguments(arguments.Arguments[0].NameColon is null ? unbounded : unbounded.WithNameColon(NameColon("maxSize")));
        }
        SyntaxNode newCreation = creation switch
        {
            ObjectCreationExpressionSyntax explicitType => explicitType.WithType(poolType.WithTriviaFrom(explicitType.Type)).WithArgumentList(arguments),
            ImplicitObjectCreationExpressionSyntax implicitType => implicitType.WithArgumentList(arguments),
            _ => creation,
        };
        editor.ReplaceNode(creation, newCreation);

        if (DeclaredType(creation, model, cancellationToken) is { } declaredType && swappedDeclarations.Add(declaredType))
        {
            editor.ReplaceNode(declaredType, poolType.WithTriviaFrom(declaredType));
        }
    }

    /// <summary>The pool's creations in this document, as the analyzer listed them in the diagnostic (none when it may not be swapped).</summary>
    public static ImmutableArray<BaseObjectCreationExpressionSyntax> Creations(SyntaxNode root, Diagnostic diagnostic) =>
        [.. NodesIn<BaseObjectCreationExpressionSyntax>(root, FixProperties.Creations(diagnostic))];

    /// <summary>
    /// The pool's synchronous checkouts in async code in this document, as the analyzer listed them: the POOL001 fix
    /// awaits them as it swaps the pool, so that one fix leaves nothing blocking behind.
    /// </summary>
    public static ImmutableArray<InvocationExpressionSyntax> Checkouts(SyntaxNode root, Diagnostic diagnostic) =>
        [.. NodesIn<InvocationExpressionSyntax>(root, FixProperties.Checkouts(diagnostic))];

    private static IEnumerable<T> NodesIn<T>(SyntaxNode root, IEnumerable<Location> locations)
        where T : SyntaxNode
    {
        foreach (var location in locations)
        {
            if (location.SourceTree == root.SyntaxTree && root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is T node)
            {
                yield return node;
            }
        }
    }

    /// <summary>The type syntax to swap: of the field, property or local the creation initialises or is assigned to (a <c>var</c> follows the creation).</summary>
    private static TypeSyntax? DeclaredType(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (creation.Parent)
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax initialized } }:
                return initialized.Type.IsVar ? null : initialized.Type;
            case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax initializedProperty }:
                return initializedProperty.Type;
            case AssignmentExpressionSyntax assignment when model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is { } target:
                foreach (var reference in target.DeclaringSyntaxReferences.Where(r => r.SyntaxTree == creation.SyntaxTree))
                {
                    switch (reference.GetSyntax(cancellationToken))
                    {
                        case VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: false } declaration }:
                            return declaration.Type;
                        case PropertyDeclarationSyntax property:
                            return property.Type;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Named arguments follow AsyncPool's parameter names: boundedCapacity becomes maxSize, collection becomes items.</summary>
    private static ArgumentListSyntax? RenameArguments(ArgumentListSyntax? arguments) =>
        arguments?.WithArguments(SeparatedList(
            arguments.Arguments.Select(argument =>
                argument.NameColon is { } name && RenamedParameters.TryGetValue(name.Name.Identifier.ValueText, out var renamed)
                    ? argument.WithNameColon(NameColon(IdentifierName(renamed)).WithTriviaFrom(name))
                    : argument),
            arguments.Arguments.GetSeparators()));
}
