using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace PoolAnalyzers.Internal;

/// <summary>Recognises an asynchronous pool checkout: the task whose blocking wait POOL002 reports.</summary>
internal sealed class Checkouts(PoolSymbols symbols, PoolGates gates)
{
    private static readonly HashSet<string> AsyncPoolCheckouts = ["RentAsync", "TakeAsync", "TryTakeAsync"];

    private static readonly HashSet<string> PoolCheckoutNames =
    [
        "GetAsync", "RentAsync", "AcquireAsync", "LeaseAsync", "GetConnectionAsync", "TakeAsync", "TryTakeAsync",
        "CheckoutAsync", "CheckOutAsync", "BorrowAsync", "GetClientAsync", "GetObjectAsync", "GetItemAsync",
    ];

    /// <summary>
    /// Whether <paramref name="task"/> is a checkout still to be waited for: a checkout call, or a local holding one
    /// that has not already been awaited through <c>Task.WhenAll</c>/<c>Task.WhenAny</c>.
    /// </summary>
    public bool IsPendingCheckout(IOperation task, AnalyzerOptions options)
    {
        switch (task.WithoutConversions())
        {
            case IInvocationOperation invocation:
                return IsCheckoutCall(invocation, options);
            case ILocalReferenceOperation local when OperationFacts.LocalInitializer(local) is IInvocationOperation initializer && IsCheckoutCall(initializer, options):
                return !IsAwaitedTogetherBefore(local);
            default:
                return false;
        }
    }

    public bool IsCheckoutCall(IInvocationOperation invocation, AnalyzerOptions options)
    {
        var method = invocation.TargetMethod;
        if (!symbols.IsTaskLike(method.ReturnType))
        {
            return false;
        }

        if (symbols.IsAsyncPool(method.ContainingType))
        {
            return AsyncPoolCheckouts.Contains(method.Name);
        }

        if (method.Name == "WaitAsync" && PoolSymbols.Is(method.ContainingType, symbols.SemaphoreSlim))
        {
            return gates.IsGate(invocation.Instance);
        }

        if (PoolCheckoutNames.Contains(method.Name) && IsPoolTyped(invocation.Instance?.Type ?? method.ContainingType))
        {
            return true;
        }

        return PoolAnalyzerOptions.Matches(PoolAnalyzerOptions.GetNameList(options, invocation.Syntax.SyntaxTree, PoolAnalyzerOptions.CheckoutMethodsKey), method);
    }

    private static bool IsPoolTyped(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name.IndexOf("Pool", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return type?.AllInterfaces.Any(i => i.Name.IndexOf("Pool", StringComparison.OrdinalIgnoreCase) >= 0) == true;
    }

    /// <summary>Whether <c>await Task.WhenAll(.., local, ..)</c> or <c>WhenAny</c> ran before this use: the task is then known complete.</summary>
    private static bool IsAwaitedTogetherBefore(ILocalReferenceOperation use)
    {
        var position = use.Syntax.SpanStart;
        foreach (var awaited in AsyncCode.Root(use).Descendants().OfType<IAwaitOperation>())
        {
            if (awaited.Syntax.SpanStart < position
                && awaited.Operation.WithoutConversions() is IInvocationOperation { TargetMethod.Name: "WhenAll" or "WhenAny" } combinator
                && combinator.Descendants().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, use.Local)))
            {
                return true;
            }
        }

        return false;
    }
}
