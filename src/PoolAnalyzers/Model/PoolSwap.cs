using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PoolAnalyzers.Model;

/// <summary>
/// Whether a BlockingCollection pool can be swapped for AsyncPool&lt;T&gt; by the code fixes, and if not, why not.
/// Decided by the analyzer, which sees every use of the pool; the fix trusts the decision.
/// </summary>
internal static class PoolSwap
{
    /// <summary>Null when the swap compiles and keeps the meaning; otherwise the reason, in words for the message.</summary>
    public static string? Blocker(Container pool, TypePools owner)
    {
        var storage = pool.Storage;
        var (declaredType, isPrivate) = storage switch
        {
            ILocalSymbol local => (local.Type, true),
            IFieldSymbol field => (field.Type, field.DeclaredAccessibility == Accessibility.Private),
            IPropertySymbol property => (property.Type, property.DeclaredAccessibility == Accessibility.Private),
            _ => (null, false),
        };

        if (declaredType is not INamedTypeSymbol { Name: "BlockingCollection", TypeArguments.Length: 1 } collection)
        {
            return declaredType is null ? "it is not kept in a field, property or local" : "it is one of a collection of pools";
        }

        if (!isPrivate)
        {
            return $"'{storage.Name}' is not private, so other code may depend on its type";
        }

        // Nested types can use a private field, so with nested types around a field's every use is not certain.
        if (storage is not ILocalSymbol && owner.HasNestedTypes)
        {
            return "a nested type can use it";
        }

        if (!collection.TypeArguments[0].IsReferenceType)
        {
            return "its items are not of a reference type";
        }

        if (pool.UnsupportedUse is { } use)
        {
            return use;
        }

        var declaration = storage.DeclaringSyntaxReferences.Length == 1 ? storage.DeclaringSyntaxReferences[0] : null;
        if (declaration is null || declaration.GetSyntax() is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: > 1 } })
        {
            return "it is declared together with other variables";
        }

        if (pool.Creations.Count == 0 || !pool.Creations.All(c => HasMappableArguments(c) && c.Initializer is null && c.Syntax.SyntaxTree == declaration.SyntaxTree))
        {
            return "it is created in a form AsyncPool<T> has no constructor for";
        }

        return null;
    }

    /// <summary>(), (boundedCapacity), (collection) and (collection, boundedCapacity) all have an AsyncPool constructor.</summary>
    private static bool HasMappableArguments(IObjectCreationOperation creation) =>
        creation.Arguments.Length <= 2
        && creation.Arguments.All(argument => argument.Parameter?.Type.SpecialType == SpecialType.System_Int32 || argument.Parameter?.Type.Name == "IProducerConsumerCollection");
}
