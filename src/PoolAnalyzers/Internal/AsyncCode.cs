using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PoolAnalyzers.Internal;

internal static class AsyncCode
{
    /// <summary>
    /// Whether the operation runs in async code: the innermost function around it (lambda, local function or member)
    /// is <c>async</c>. A synchronous lambda inside an async method (<c>Task.Run(() => pool.Take())</c>) is not.
    /// </summary>
    public static bool Contains(IOperation operation, ISymbol containingSymbol)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol.IsAsync;
                case ILocalFunctionOperation localFunction:
                    return localFunction.Symbol.IsAsync;
            }
        }

        return containingSymbol is IMethodSymbol { IsAsync: true };
    }

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
}
