using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.Model;

/// <summary>
/// Where an item goes after it leaves a container, and where an item that goes in came from. A checkout hands the item
/// out (returns it, writes it to an <c>out</c> parameter or a field, wraps it in a returned lease); a work queue's
/// consumer uses it where it took it.
/// </summary>
internal static class ItemFlow
{
    private static readonly string[] FactoryVerbs = ["Create", "New", "Make", "Build", "Open", "Connect", "Spawn"];

    /// <summary>Whether the value leaves its function: returned, written to an out/ref parameter or a field, or wrapped in something that is.</summary>
    public static bool Escapes(IOperation value) => Escapes(value, depth: 0);

    /// <summary>Whether an item written to this target (an <c>out</c> argument, an assignment's target) leaves the function.</summary>
    public static bool TargetEscapes(IOperation target) => TargetEscapes(target, depth: 0);

    /// <summary>A call that makes a new item: a factory delegate (<c>_factory()</c>) or a method named Create/New/Open/Connect….</summary>
    public static bool IsFactoryCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.ReturnsVoid || method.ReturnType.SpecialType == SpecialType.System_Boolean)
        {
            return false;
        }

        return (method.MethodKind == MethodKind.DelegateInvoke && method.ContainingType.TypeKind == TypeKind.Delegate)
            || FactoryVerbs.Any(verb => method.Name.StartsWith(verb, StringComparison.Ordinal));
    }

    private static bool Escapes(IOperation value, int depth)
    {
        if (depth > 4)
        {
            return false;
        }

        var current = value;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case IReturnOperation:
                return true;
            case ICoalesceOperation coalesce:
                return Escapes(coalesce, depth + 1);
            case IConditionalOperation { Type: not null } conditional when !ReferenceEquals(conditional.Condition, current):
                return Escapes(conditional, depth + 1);
            case IArgumentOperation { Parent: IObjectCreationOperation wrapper }:
                return Escapes(wrapper, depth + 1);
            case ITupleOperation tuple:
                return Escapes(tuple, depth + 1);
            case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                return TargetEscapes(assignment.Target, depth + 1);
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return LocalEscapes(declarator.Symbol, current, depth + 1);
            default:
                return false;
        }
    }

    private static bool TargetEscapes(IOperation target, int depth) => target.WithoutConversions() switch
    {
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => LocalEscapes(declared.Local, declared, depth),
        IParameterReferenceOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } => true,
        IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false } => true,
        ILocalReferenceOperation local => LocalEscapes(local.Local, local, depth),
        _ => false,
    };

    private static bool LocalEscapes(ILocalSymbol local, IOperation anywhereInFunction, int depth)
    {
        var root = AsyncCode.Root(anywhereInFunction);
        foreach (var descendant in root.Descendants())
        {
            if (descendant is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && !IsWrittenTo(reference)
                && Escapes(reference, depth))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWrittenTo(IOperation reference) =>
        reference.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference)
        || reference.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Out };
}
