using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PoolAnalyzers.Internal;

internal static class OperationFacts
{
    public static IOperation WithoutConversions(this IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>
    /// Whether a timeout argument is zero (<c>0</c>, <c>TimeSpan.Zero</c>, or a constant zero): such a call never
    /// waits, so it is not a blocking checkout.
    /// </summary>
    public static bool IsZeroTimeout(IOperation value)
    {
        value = value.WithoutConversions();
        if (value.ConstantValue is { HasValue: true, Value: int milliseconds })
        {
            return milliseconds == 0;
        }

        if (value.ConstantValue is { HasValue: true, Value: long longMilliseconds })
        {
            return longMilliseconds == 0;
        }

        return value is IFieldReferenceOperation { Field: { Name: "Zero" } field } && IsTimeSpan(field.ContainingType);
    }

    public static bool IsTimeSpan(ITypeSymbol? type) =>
        type is { Name: nameof(TimeSpan), ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>The timeout argument of a call: the first argument of type int, long or TimeSpan; null when there is none.</summary>
    public static IArgumentOperation? TimeoutArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            var type = argument.Parameter?.Type;
            if (type is null || argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter!.RefKind != RefKind.None)
            {
                continue;
            }

            if (type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 || IsTimeSpan(type))
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>Whether the call can wait: it has no timeout argument (waits for ever) or a non-zero one.</summary>
    public static bool MayWait(IInvocationOperation invocation) =>
        TimeoutArgument(invocation) is not { } timeout || !IsZeroTimeout(timeout.Value);

    /// <summary>The one place a receiver lives, or null when there is none or more than one.</summary>
    public static ISymbol? Storage(IOperation? receiver) => Storages(receiver) is { Length: 1 } one ? one[0] : null;

    /// <summary>
    /// Where a collection (or a gate) lives: the fields, properties or locals a receiver reads. A local is followed to
    /// what it was declared from: an alias of a field (<c>var pool = _pool</c>), a pick between pools
    /// (<c>readOnly ? _readPool : _writePool</c>, a switch expression, <c>??</c>), or an element of a dictionary of
    /// pools (<c>_pools[key]</c>, <c>GetOrAdd</c>, <c>TryGetValue(key, out var pool)</c>), which lives in that dictionary.
    /// </summary>
    public static ImmutableArray<ISymbol> Storages(IOperation? receiver) => Storages(receiver, depth: 0);

    private static ImmutableArray<ISymbol> Storages(IOperation? receiver, int depth)
    {
        if (depth > 4)
        {
            return [];
        }

        switch (receiver?.WithoutConversions())
        {
            case IFieldReferenceOperation field:
                return [field.Field];
            case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                return [property.Property];
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                return Storages(indexer.Instance, depth + 1);
            case IArrayElementReferenceOperation element:
                return Storages(element.ArrayReference, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "GetOrAdd" or "GetValueOrDefault" or "AddOrUpdate" } lookup:
                return Storages(lookup.Instance, depth + 1);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return Union(Storages(conditional.WhenTrue, depth + 1), Storages(whenFalse, depth + 1));
            case ICoalesceOperation coalesce:
                return Union(Storages(coalesce.Value, depth + 1), Storages(coalesce.WhenNull, depth + 1));
            case ISwitchExpressionOperation switchExpression:
                return switchExpression.Arms.Aggregate(ImmutableArray<ISymbol>.Empty, (all, arm) => Union(all, Storages(arm.Value, depth + 1)));
            case ILocalReferenceOperation local:
                if (OutArgumentOf(local) is { TargetMethod.Name: "TryGetValue" or "TryRemove" } tryGet)
                {
                    return Storages(tryGet.Instance, depth + 1);
                }

                return LocalInitializer(local) is { } initializer and not IObjectCreationOperation && Storages(initializer, depth + 1) is { IsEmpty: false } aliased
                    ? aliased
                    : [local.Local];
            default:
                return [];
        }
    }

    private static ImmutableArray<ISymbol> Union(ImmutableArray<ISymbol> first, ImmutableArray<ISymbol> second) =>
        [.. first.Concat(second).Distinct(SymbolEqualityComparer.Default)];

    /// <summary>The value a local was declared with (<c>var x = value;</c>), conversions removed; null when it has none.</summary>
    public static IOperation? LocalInitializer(ILocalReferenceOperation reference)
    {
        foreach (var declaration in reference.Local.DeclaringSyntaxReferences)
        {
            if (reference.SemanticModel?.GetOperation(declaration.GetSyntax()) is IVariableDeclaratorOperation { Initializer.Value: { } value })
            {
                return value.WithoutConversions();
            }
        }

        return null;
    }

    /// <summary>The call whose <c>out var x</c> declared this local; null for a local declared otherwise.</summary>
    public static IInvocationOperation? OutArgumentOf(ILocalReferenceOperation reference)
    {
        foreach (var declaration in reference.Local.DeclaringSyntaxReferences)
        {
            if (declaration.GetSyntax() is SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } } })
            {
                return reference.SemanticModel?.GetOperation(call) as IInvocationOperation;
            }
        }

        return null;
    }

    public static bool IsInFinally(IOperation operation)
    {
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            if (parent is ITryOperation tryOperation && ReferenceEquals(tryOperation.Finally, current))
            {
                return true;
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }
}
