using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.Model;

/// <summary>Recognises an asynchronous pool checkout: the task whose blocking wait POOL002 reports.</summary>
internal sealed class TaskCheckouts(PoolModel model)
{
    private static readonly HashSet<string> AsyncPoolCheckouts = ["RentAsync", "TakeAsync", "TryTakeAsync"];

    private static readonly HashSet<string> PoolCheckoutNames =
    [
        "GetAsync", "RentAsync", "AcquireAsync", "LeaseAsync", "GetConnectionAsync", "TakeAsync", "TryTakeAsync",
        "CheckoutAsync", "CheckOutAsync", "BorrowAsync", "GetClientAsync", "GetObjectAsync", "GetItemAsync",
    ];

    /// <summary>
    /// Whether <paramref name="task"/> is a checkout still to be waited for: a checkout call, or a local holding one
    /// that has not already been awaited (<c>await t</c>, <c>Task.WhenAll</c>, <c>Task.WhenAny</c>) before this use.
    /// </summary>
    public bool IsPendingCheckout(IOperation task, ISymbol containingSymbol, AnalyzerOptions options)
    {
        switch (task.WithoutConversions())
        {
            case IInvocationOperation invocation:
                return IsCheckoutCall(invocation, containingSymbol, options);
            case ILocalReferenceOperation local when OperationFacts.LocalInitializer(local) is IInvocationOperation initializer && IsCheckoutCall(initializer, containingSymbol, options):
                return !IsAwaitedBefore(local);
            default:
                return false;
        }
    }

    public bool IsCheckoutCall(IInvocationOperation invocation, ISymbol containingSymbol, AnalyzerOptions options)
    {
        var symbols = model.Symbols;
        var method = invocation.TargetMethod;
        if (!symbols.IsTaskLike(method.ReturnType))
        {
            return false;
        }

        if (symbols.IsAsyncPool(method.ContainingType))
        {
            return AsyncPoolCheckouts.Contains(method.Name);
        }

        if (method.Name == "WaitAsync" && symbols.IsSemaphoreSlim(method.ContainingType))
        {
            return OperationFacts.Storage(invocation.Instance) is { } gate and (IFieldSymbol or IPropertySymbol)
                && model.Pools(gate.ContainingType).GuardsItems(gate, AsyncCode.EnclosingFunction(invocation, containingSymbol));
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

    /// <summary>
    /// Whether the local's task was awaited before this use: <c>await t;</c>, <c>await Task.WhenAll(.., t, ..)</c>, or
    /// <c>if (await Task.WhenAny(t, delay) == t)</c> around the use. The task is then known complete, and <c>.Result</c>
    /// does not block. (Being among WhenAny's arguments alone does not complete it.)
    /// </summary>
    private static bool IsAwaitedBefore(ILocalReferenceOperation use)
    {
        var position = use.Syntax.SpanStart;
        foreach (var awaited in AsyncCode.Root(use).Descendants().OfType<IAwaitOperation>())
        {
            if (awaited.Syntax.SpanStart >= position)
            {
                continue;
            }

            switch (awaited.Operation.WithoutConversions())
            {
                case ILocalReferenceOperation direct when SymbolEqualityComparer.Default.Equals(direct.Local, use.Local):
                    return true;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: ILocalReferenceOperation configured } when SymbolEqualityComparer.Default.Equals(configured.Local, use.Local):
                    return true;
                case IInvocationOperation { TargetMethod.Name: "WhenAll" } combinator
                    when combinator.Descendants().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, use.Local)):
                    return true;
                case IInvocationOperation { TargetMethod.Name: "WhenAny" } when IsWinnerTestAround(awaited, use):
                    return true;
            }
        }

        return false;
    }

    /// <summary><c>if (await Task.WhenAny(t, ..) == t) { .. t.Result .. }</c>: the use is where t won the race.</summary>
    private static bool IsWinnerTestAround(IAwaitOperation whenAny, ILocalReferenceOperation use)
    {
        var comparison = whenAny.Parent is IConversionOperation conversion ? conversion.Parent : whenAny.Parent;
        return comparison is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals
            && (equals.LeftOperand.WithoutConversions() as ILocalReferenceOperation ?? equals.RightOperand.WithoutConversions() as ILocalReferenceOperation) is { } compared
            && SymbolEqualityComparer.Default.Equals(compared.Local, use.Local)
            && equals.Parent is IConditionalOperation { WhenTrue: { } whenTrue } conditional
            && ReferenceEquals(conditional.Condition, equals)
            && whenTrue.Syntax.Span.Contains(use.Syntax.Span);
    }
}
