using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PoolAnalyzers.Internal;

/// <summary>The function an operation runs in, and whether that is async code.</summary>
internal static class AsyncCode
{
    /// <summary>
    /// Whether the operation runs in async code: the innermost function around it (lambda, local function or member)
    /// is <c>async</c>. A synchronous lambda inside an async method (<c>Task.Run(() => pool.Take())</c>) is not.
    /// </summary>
    public static bool Contains(IOperation operation, ISymbol containingSymbol) =>
        EnclosingFunction(operation, containingSymbol) is IMethodSymbol { IsAsync: true };

    /// <summary>The method, lambda or local function the operation belongs to, as a symbol.</summary>
    public static ISymbol EnclosingFunction(IOperation operation, ISymbol containingSymbol) =>
        EnclosingFunctionOperation(operation) switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            ILocalFunctionOperation localFunction => localFunction.Symbol,
            _ => containingSymbol,
        };

    /// <summary>The innermost function around the operation: the body to search for related operations.</summary>
    public static IOperation Root(IOperation operation)
    {
        var root = operation;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }

            root = current;
        }

        return root;
    }

    /// <summary>
    /// Whether the call is the synchronous branch of a dual-path method, the shape database drivers use so that one
    /// body serves both callers: <c>if (async) await gate.WaitAsync(ct); else gate.Wait(ct);</c>. The branch runs only
    /// for synchronous callers, so it blocks nobody's async code.
    /// </summary>
    public static bool IsSynchronousBranchOfDualPath(IOperation operation)
    {
        for (IOperation? current = operation, parent = operation.Parent; parent is not null; current = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when conditional.WhenFalse is not null:
                    var other = ReferenceEquals(conditional.WhenTrue, current) ? conditional.WhenFalse
                        : ReferenceEquals(conditional.WhenFalse, current) ? conditional.WhenTrue
                        : null;
                    if (other is not null && ContainsAwait(other))
                    {
                        return true;
                    }

                    break;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
            }
        }

        return false;
    }

    private static bool ContainsAwait(IOperation operation)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IAwaitOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation? EnclosingFunctionOperation(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }
}
