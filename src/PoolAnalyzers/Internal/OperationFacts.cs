using System;
using Microsoft.CodeAnalysis;
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

    /// <summary>
    /// Where a collection lives: the field, property or local a receiver reads. A local initialised from an element of
    /// a dictionary (<c>var pool = _pools.GetOrAdd(key, ...)</c>, <c>_pools[key]</c>) lives in that dictionary.
    /// </summary>
    public static ISymbol? Storage(IOperation? receiver)
    {
        switch (receiver?.WithoutConversions())
        {
            case IFieldReferenceOperation field:
                return field.Field;
            case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                return property.Property;
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                return Storage(indexer.Instance);
            case IInvocationOperation { TargetMethod.Name: "GetOrAdd" or "GetValueOrDefault" } lookup:
                return Storage(lookup.Instance);
            case ILocalReferenceOperation local:
                var initializer = LocalInitializer(local);
                return initializer is IPropertyReferenceOperation { Property.IsIndexer: true } or IInvocationOperation { TargetMethod.Name: "GetOrAdd" }
                    ? Storage(initializer)
                    : local.Local;
            default:
                return null;
        }
    }

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

    /// <summary>The method, lambda or local function the operation belongs to, as a symbol.</summary>
    public static ISymbol? EnclosingFunction(IOperation operation, ISymbol containingSymbol)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol;
                case ILocalFunctionOperation localFunction:
                    return localFunction.Symbol;
            }
        }

        return containingSymbol;
    }
}
