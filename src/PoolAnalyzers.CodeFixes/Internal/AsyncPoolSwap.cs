using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using PoolAnalyzers.Internal;
using PoolAnalyzers.Rules;

using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PoolAnalyzers.CodeFixes.Internal;

/// <summary>
/// The swap of a BlockingCollection&lt;T&gt; pool for AsyncPool&lt;T&gt; (creation and declared type), shared by the
/// POOL001 fix and the POOL003 fix on a BlockingCollection receiver, which swaps the pool before rewriting the call.
/// Whether a pool may be swapped is POOL001's decision (only the analyzer sees every use of the pool), so the POOL003
/// fix asks the POOL001 analyzer, once per compilation.
/// </summary>
internal static class AsyncPoolSwap
{
    private static readonly Dictionary<string, string> RenamedParameters = new()
    {
        ["boundedCapacity"] = "maxSize",
        ["collection"] = "items",
    };

    private static readonly ConditionalWeakTable<Compilation, Task<ImmutableArray<Diagnostic>>> SwappablePools = new();
    private static readonly ConditionalWeakTable<Compilation, Task<ImmutableArray<Diagnostic>>> CheckoutsOfSwappablePools = new();

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

    /// <summary>The creations, in this document, of the pool <paramref name="storage"/> that POOL001 found swappable; empty when it may not be swapped.</summary>
    public static async Task<ImmutableArray<BaseObjectCreationExpressionSyntax>> SwappableCreationsAsync(Document document, ISymbol storage, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is null)
        {
            return [];
        }

        var pools = await SwappablePools.GetValue(model.Compilation, compilation => AnalyzeAsync(compilation, document.Project.AnalyzerOptions)).ConfigureAwait(false);
        var creations = ImmutableArray.CreateBuilder<BaseObjectCreationExpressionSyntax>();
        foreach (var pool in pools.Where(d => d.Location.SourceTree == root.SyntaxTree))
        {
            if (root.FindNode(pool.Location.SourceSpan, getInnermostNodeForTie: true) is BaseObjectCreationExpressionSyntax creation
                && SymbolEqualityComparer.Default.Equals(StorageOf(creation, model, cancellationToken), storage))
            {
                creations.Add(creation);
            }
        }

        return creations.ToImmutable();
    }

    /// <summary>
    /// The synchronous checkouts in async code (POOL003) that take from the pool <paramref name="storage"/> in this
    /// document: the POOL001 fix awaits them as it swaps the pool, so that one fix leaves nothing blocking behind.
    /// </summary>
    public static async Task<ImmutableArray<InvocationExpressionSyntax>> AsyncCheckoutsAsync(Document document, ISymbol storage, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is null)
        {
            return [];
        }

        var checkouts = await CheckoutsOfSwappablePools.GetValue(model.Compilation, compilation => AnalyzeAsync(compilation, document.Project.AnalyzerOptions, new SynchronousCheckoutAnalyzer(), FixKinds.SwapThenTakeAsync)).ConfigureAwait(false);
        var found = ImmutableArray.CreateBuilder<InvocationExpressionSyntax>();
        foreach (var checkout in checkouts.Where(d => d.Location.SourceTree == root.SyntaxTree))
        {
            if (root.FindNode(checkout.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(access.Expression, cancellationToken).Symbol, storage))
            {
                found.Add(invocation);
            }
        }

        return found.ToImmutable();
    }

    private static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, AnalyzerOptions options) =>
        AnalyzeAsync(compilation, options, new BlockingPoolAnalyzer(), FixKinds.SwapToAsyncPool);

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, AnalyzerOptions options, DiagnosticAnalyzer analyzer, string fixKind)
    {
        var diagnostics = await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
        return [.. diagnostics.Where(d => d.Properties.TryGetValue(FixKinds.PropertyName, out var kind) && kind == fixKind)];
    }

    public static ISymbol? StorageOf(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken) => creation.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => model.GetDeclaredSymbol(declarator, cancellationToken),
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => model.GetDeclaredSymbol(property, cancellationToken),
        AssignmentExpressionSyntax assignment => model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol,
        _ => null,
    };

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
