using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using PoolAnalyzers.CodeFixes.Internal;

using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PoolAnalyzers.CodeFixes.Rules;

/// <summary>
/// POOL001 (a): swaps a BlockingCollection&lt;T&gt; pool for PoolRuntime.AsyncPool&lt;T&gt;, in the creation and in
/// the declared type of the field, property or local that holds it, and adds <c>using PoolRuntime;</c>. AsyncPool has
/// the same constructors (capacity, pre-filling collection) and verbs (Add, Take, TryTake), so the rest of the code
/// keeps compiling; the analyzer offers the fix only when every use of the pool is one AsyncPool also has.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingPoolFixer)), Shared]
public sealed class BlockingPoolFixer : PoolCodeFixProvider
{
    private static readonly Dictionary<string, string> RenamedParameters = new()
    {
        ["boundedCapacity"] = "maxSize",
        ["collection"] = "items",
    };

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.BlockingPool];

    /// <inheritdoc/>
    protected override string? ImportedNamespace => "PoolRuntime";

    /// <inheritdoc/>
    protected override string Title(string kind) => "Use PoolRuntime.AsyncPool<T>";

    /// <inheritdoc/>
    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, string kind) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is BaseObjectCreationExpressionSyntax;

    /// <inheritdoc/>
    protected override Task FixAsync(DocumentEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var model = editor.SemanticModel;
        var asyncPool = model.Compilation.GetTypeByMetadataName("PoolRuntime.AsyncPool`1");
        if (asyncPool is null)
        {
            return Task.CompletedTask;
        }

        var swappedDeclarations = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            var creation = (BaseObjectCreationExpressionSyntax)editor.OriginalRoot.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (model.GetTypeInfo(creation, cancellationToken).Type is not INamedTypeSymbol { TypeArguments.Length: 1 } collectionType)
            {
                continue;
            }

            var elementType = collectionType.TypeArguments[0];

            var poolType = (TypeSyntax)editor.Generator.TypeExpression(asyncPool.Construct(elementType))
                .WithAdditionalAnnotations(Simplifier.AddImportsAnnotation, Simplifier.Annotation);

            // The creation: new BlockingCollection<T>(..) -> new AsyncPool<T>(..); target-typed new(..) follows its declaration.
            var arguments = RenameArguments(creation.ArgumentList);
            SyntaxNode newCreation = creation switch
            {
                ObjectCreationExpressionSyntax explicitType => explicitType.WithType(poolType.WithTriviaFrom(explicitType.Type)).WithArgumentList(arguments ?? ArgumentList()),
                ImplicitObjectCreationExpressionSyntax implicitType => implicitType.WithArgumentList(arguments ?? ArgumentList()),
                _ => creation,
            };
            editor.ReplaceNode(creation, newCreation);

            // The declared type of what holds it (once, however many creations assign it).
            if (DeclaredType(creation, model, cancellationToken) is { } declaredType && swappedDeclarations.Add(declaredType))
            {
                editor.ReplaceNode(declaredType, poolType.WithTriviaFrom(declaredType));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The type syntax to swap: of the field, property or local the creation initialises or is assigned to (a <c>var</c> follows the creation).</summary>
    private static TypeSyntax? DeclaredType(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        var parent = creation.Parent;
        if (parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax initialized } })
        {
            return initialized.Type.IsVar ? null : initialized.Type;
        }

        if (parent is EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax initializedProperty })
        {
            return initializedProperty.Type;
        }

        if (parent is AssignmentExpressionSyntax assignment && model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is { } target)
        {
            foreach (var reference in target.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != creation.SyntaxTree)
                {
                    continue;
                }

                switch (reference.GetSyntax(cancellationToken))
                {
                    case VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: false } declaration }:
                        return declaration.Type;
                    case PropertyDeclarationSyntax property:
                        return property.Type;
                }
            }
        }

        return null;
    }

    /// <summary>Named arguments follow AsyncPool's parameter names: boundedCapacity becomes maxSize, collection becomes items.</summary>
    private static ArgumentListSyntax? RenameArguments(ArgumentListSyntax? arguments)
    {
        if (arguments is null)
        {
            return null;
        }

        return arguments.WithArguments(SeparatedList(
            arguments.Arguments.Select(argument =>
                argument.NameColon is { } name && RenamedParameters.TryGetValue(name.Name.Identifier.ValueText, out var renamed)
                    ? argument.WithNameColon(NameColon(IdentifierName(renamed)).WithTriviaFrom(name))
                    : argument),
            arguments.Arguments.GetSeparators()));
    }
}
