using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.Model;

/// <summary>A call that blocks its thread on a pool, with what it waits for and what to do instead.</summary>
internal sealed class BlockingSite(IInvocationOperation operation, string waitsFor, string remedy, string? fix = null, Container? pool = null, bool isPoolCheckout = true)
{
    /// <summary>A checkout of a pool (not a read of a work queue or of a collection of unknown use): what a wrapper around it makes a checkout too.</summary>
    public bool IsPoolCheckout { get; } = isPoolCheckout;

    public IInvocationOperation Operation { get; } = operation;

    /// <summary>"while the pool '_idle' is empty", "until the pool's gate '_gate' opens", ….</summary>
    public string WaitsFor { get; } = waitsFor;

    public string Remedy { get; } = remedy;

    /// <summary>The rewrite a code fix makes (a <see cref="FixKinds"/> value); null when there is none.</summary>
    public string? Fix { get; } = fix;

    /// <summary>The BlockingCollection pool taken from, when the fix swaps it.</summary>
    public Container? Pool { get; } = pool;
}

/// <summary>Classifies single calls: the direct blocking checkouts that POOL003 reports and the cross-call search finds.</summary>
internal sealed class BlockingSites(PoolModel model)
{
    /// <summary>What the call blocks on, or null when it cannot block on a pool.</summary>
    public BlockingSite? At(IInvocationOperation invocation, ISymbol containingSymbol, AnalyzerOptions options)
    {
        var symbols = model.Symbols;
        var method = invocation.TargetMethod;
        var isTake = method.Name == "Take";
        var isTimedTryTake = method.Name == "TryTake" && OperationFacts.TimeoutArgument(invocation) is { } timeout && !OperationFacts.IsZeroTimeout(timeout.Value);

        if (symbols.IsAsyncPool(method.ContainingType))
        {
            var rewritable = AwaitableShapes.CanRewriteCheckout(invocation.Syntax);
            return isTake ? new BlockingSite(invocation, "while the pool is empty", Advice.AwaitTakeAsync, rewritable ? FixKinds.TakeAsync : null)
                : isTimedTryTake ? new BlockingSite(invocation, "while the pool is empty", Advice.AwaitTryTakeAsync, rewritable ? FixKinds.TryTakeAsync : null)
                : null;
        }

        if (symbols.IsBlockingCollection(method.ContainingType))
        {
            return isTake || isTimedTryTake ? BlockingCollectionTake(invocation) : null;
        }

        if (GateWait(invocation, containingSymbol) is { } gateWait)
        {
            return gateWait;
        }

        return !symbols.IsTaskLike(method.ReturnType)
            && PoolAnalyzerOptions.Matches(PoolAnalyzerOptions.GetNameList(options, invocation.Syntax.SyntaxTree, PoolAnalyzerOptions.CheckoutMethodsKey), method)
            ? new BlockingSite(invocation, "while the pool is empty", Advice.UseAsyncCheckout)
            : null;
    }

    private BlockingSite BlockingCollectionTake(IInvocationOperation take)
    {
        var storage = OperationFacts.Storages(take.Instance).FirstOrDefault();
        var owner = storage is null ? null : PoolModel.OwnerOf(storage);
        var pools = owner is null ? null : model.Pools(owner);
        var container = storage is null ? null : pools?.ContainerOf(storage);
        switch (container?.Role)
        {
            case ContainerRole.Pool:
                var waitsFor = $"while the pool '{storage!.Name}' is empty";
                if (model.Symbols.AsyncPool is null)
                {
                    return new BlockingSite(take, waitsFor, Advice.AddPoolRuntime);
                }

                if (PoolSwap.Blocker(container, pools!) is { } blocker)
                {
                    return new BlockingSite(take, waitsFor, Advice.NoSwap(blocker));
                }

                // The swap is sound; the fix edits this file only, and needs a place where await can go (not in a
                // lock, a TryTake shape it knows).
                if (container.Creations.Any(creation => creation.Syntax.SyntaxTree != take.Syntax.SyntaxTree))
                {
                    return new BlockingSite(take, waitsFor, Advice.NoSwap("the pool is created in another file; its POOL001 fix swaps it there"));
                }

                return AwaitableShapes.CanRewriteCheckout(take.Syntax)
                    ? new BlockingSite(take, waitsFor, Advice.SwapThenAwait, FixKinds.SwapThenTakeAsync, container)
                    : new BlockingSite(take, waitsFor, Advice.NoSwap("await cannot go where the take is (inside a lock, or a TryTake shape the fix does not rewrite)"));
            case ContainerRole.WorkQueue:
                return new BlockingSite(take, $"while the work queue '{storage!.Name}' is empty", Advice.UseChannel, isPoolCheckout: false);
            default:
                return new BlockingSite(take, "while the collection is empty", Advice.WaitAsynchronously, isPoolCheckout: false);
        }
    }

    /// <summary>A wait on a pool's gate: a semaphore released by the put-back, a handle, a Monitor.Wait in a loop.</summary>
    private BlockingSite? GateWait(IInvocationOperation invocation, ISymbol containingSymbol)
    {
        var method = invocation.TargetMethod;
        var symbols = model.Symbols;
        var isGateCall = (method.Name == "Wait" && (symbols.IsSemaphoreSlim(method.ContainingType) || (method.IsStatic && symbols.IsMonitor(method.ContainingType))))
            || (method.Name == "WaitOne" && symbols.IsWaitHandle(invocation.Instance?.Type));
        if (!isGateCall || !OperationFacts.MayWait(invocation))
        {
            return null;
        }

        // The wait is recorded in the model of the type whose code makes it.
        var type = containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType;
        if (type is null || model.Pools(type) is not { } pools || pools.WaitAt(invocation.Syntax) is not { } wait || pools.GatedContainer(wait) is null)
        {
            return null;
        }

        var gateName = wait.Gate?.Name;
        var waitsFor = gateName is null ? "until the pool has a free item" : $"until the pool's gate '{gateName}' opens";
        return wait.Kind == GateKind.SemaphoreSlim
            ? new BlockingSite(invocation, waitsFor, Advice.AwaitWaitAsync, AwaitableShapes.CanAwaitAt(invocation.Syntax) ? FixKinds.WaitAsync : null)
            : new BlockingSite(invocation, waitsFor, Advice.NoAwaitableGate(wait.Kind == GateKind.Monitor ? "Monitor.Wait" : "WaitOne"));
    }
}
