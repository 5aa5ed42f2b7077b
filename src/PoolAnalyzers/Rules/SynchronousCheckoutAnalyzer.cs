using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.Rules;

/// <summary>
/// POOL003: a synchronous, thread-blocking checkout inside async code: <c>BlockingCollection.Take</c>,
/// <c>TryTake(out x, timeout)</c> with a non-zero timeout, AsyncPool's synchronous <c>Take</c>/<c>TryTake</c> with a
/// timeout, a pool gate's <c>Wait</c>/<c>WaitOne</c>/<c>Monitor.Wait</c>, or a method listed in
/// <c>pool_analyzers.checkout_methods</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SynchronousCheckoutAnalyzer : PoolDiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.SynchronousCheckout];

    internal override void AnalyzeCompilation(CompilationStartAnalysisContext context, PoolSymbols symbols)
    {
        var gates = new PoolGates(symbols);
        var hasAsyncPool = symbols.AsyncPool is not null;
        context.RegisterOperationAction(
            context =>
            {
                var invocation = (IInvocationOperation)context.Operation;
                if (Classify(invocation, symbols, gates, context.Options, hasAsyncPool) is { } finding
                    && AsyncCode.Contains(invocation, context.ContainingSymbol))
                {
                    var properties = finding.Fix is null
                        ? ImmutableDictionary<string, string?>.Empty
                        : ImmutableDictionary<string, string?>.Empty.Add(FixKinds.PropertyName, finding.Fix);
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SynchronousCheckout, invocation.Syntax.GetLocation(), properties, invocation.Syntax.ToString(), finding.Advice));
                }
            },
            OperationKind.Invocation);
    }

    private static Finding? Classify(IInvocationOperation invocation, PoolSymbols symbols, PoolGates gates, AnalyzerOptions options, bool hasAsyncPool)
    {
        var method = invocation.TargetMethod;
        var isTake = method.Name == "Take";
        var isTimedTryTake = method.Name == "TryTake" && OperationFacts.TimeoutArgument(invocation) is { } timeout && !OperationFacts.IsZeroTimeout(timeout.Value);

        if (symbols.IsAsyncPool(method.ContainingType))
        {
            return isTake ? new Finding("await TakeAsync() instead, which waits without a thread", FixKinds.TakeAsync)
                : isTimedTryTake ? new Finding("await TryTakeAsync(timeout) instead, which waits without a thread and returns null on timeout", FixKinds.TryTakeAsync)
                : null;
        }

        if (symbols.IsBlockingCollection(method.ContainingType) && (isTake || isTimedTryTake))
        {
            return hasAsyncPool
                ? new Finding("make the pool a PoolRuntime.AsyncPool<T> and await TakeAsync/TryTakeAsync (the code fix does both)", FixKinds.SwapThenTakeAsync)
                : new Finding("add the PoolRuntime package, make the pool an AsyncPool<T> and await TakeAsync/TryTakeAsync");
        }

        if (gates.IsBlockingGateWait(invocation))
        {
            return PoolSymbols.Is(method.ContainingType, symbols.SemaphoreSlim)
                ? new Finding("await WaitAsync instead", FixKinds.WaitAsync)
                : new Finding("make the pool async (PoolRuntime.AsyncPool<T>) so that callers wait without a thread");
        }

        if (!symbols.IsTaskLike(method.ReturnType)
            && PoolAnalyzerOptions.Matches(PoolAnalyzerOptions.GetNameList(options, invocation.Syntax.SyntaxTree, PoolAnalyzerOptions.CheckoutMethodsKey), method))
        {
            return new Finding("use the pool's asynchronous checkout instead");
        }

        return null;
    }

    private sealed class Finding(string advice, string? fix = null)
    {
        public string Advice { get; } = advice;

        public string? Fix { get; } = fix;
    }
}
