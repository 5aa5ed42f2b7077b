using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PoolAnalyzers.Model;

internal enum GateKind
{
    /// <summary><c>SemaphoreSlim.Wait</c>: has an awaitable twin, <c>WaitAsync</c>.</summary>
    SemaphoreSlim,

    /// <summary><c>WaitHandle.WaitOne</c> on a Semaphore or an event: no awaitable twin.</summary>
    WaitHandle,

    /// <summary><c>Monitor.Wait</c> inside a <c>lock</c>: no awaitable twin.</summary>
    Monitor,
}

/// <summary>A wait on a gate: where a checkout blocks until an item is free.</summary>
internal sealed class GateWait(IInvocationOperation operation, ISymbol? gate, ISymbol function, GateKind kind)
{
    public IInvocationOperation Operation { get; } = operation;

    /// <summary>The field or property of the semaphore, handle or lock object; null when it is not one (<c>Monitor.Wait(this)</c>).</summary>
    public ISymbol? Gate { get; } = gate;

    public ISymbol Function { get; } = function;

    public GateKind Kind { get; } = kind;
}

/// <summary>A gate opened: <c>Release</c>, <c>Set</c>, <c>Monitor.Pulse</c>.</summary>
internal sealed class GateRelease(ISymbol? gate, ISymbol function, bool inFinally)
{
    public ISymbol? Gate { get; } = gate;

    public ISymbol Function { get; } = function;

    public bool InFinally { get; } = inFinally;
}
