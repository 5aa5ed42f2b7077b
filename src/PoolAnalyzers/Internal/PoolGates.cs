using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PoolAnalyzers.Internal;

/// <summary>
/// Recognises a pool's gate: a <c>SemaphoreSlim</c> or <c>Semaphore</c> field (or property), or the object a
/// <c>Monitor.Wait</c> waits on, that belongs to a type which also keeps items in a pooled-item collection
/// (<c>ConcurrentBag</c>, <c>ConcurrentQueue</c>, <c>ConcurrentStack</c>, <c>Queue</c>, <c>Stack</c>, <c>List</c>,
/// <c>BlockingCollection</c>). A semaphore that throttles work in a type with no such collection is not a pool gate.
/// One instance per compilation; answers are cached per type.
/// </summary>
internal sealed class PoolGates(PoolSymbols symbols)
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _typesWithPooledItems = new(SymbolEqualityComparer.Default);

    /// <summary>Whether the call waits on a pool gate (and could wait: a zero timeout never does).</summary>
    public bool IsBlockingGateWait(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        IOperation? gate;
        if (method.Name == "Wait" && PoolSymbols.Is(method.ContainingType, symbols.SemaphoreSlim))
        {
            gate = invocation.Instance;
        }
        else if (method.Name == "WaitOne" && PoolSymbols.Is(invocation.Instance?.Type, symbols.Semaphore))
        {
            gate = invocation.Instance;
        }
        else if (method.Name == "Wait" && method.IsStatic && PoolSymbols.Is(method.ContainingType, symbols.Monitor) && invocation.Arguments.Length > 0)
        {
            gate = invocation.Arguments[0].Value;
        }
        else
        {
            return false;
        }

        return OperationFacts.MayWait(invocation) && IsGate(gate);
    }

    /// <summary>Whether <paramref name="gate"/> reads a field or property of a type that keeps pooled items.</summary>
    public bool IsGate(IOperation? gate)
    {
        var storage = OperationFacts.Storage(gate);
        return storage is IFieldSymbol or IPropertySymbol && storage.ContainingType is { } type && KeepsPooledItems(type);
    }

    private bool KeepsPooledItems(INamedTypeSymbol type) => _typesWithPooledItems.GetOrAdd(
        type,
        t => t.GetMembers().Any(member => member switch
        {
            IFieldSymbol field => IsPooledItems(field.Type),
            IPropertySymbol property => IsPooledItems(property.Type),
            _ => false,
        }));

    // A List<T> field alone does not make a pool (types keep results in lists); the queue-like collections do.
    private bool IsPooledItems(ITypeSymbol type) =>
        (symbols.IsPooledItemCollection(type) && type.Name != "List") || symbols.IsBlockingCollection(type);
}
