using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.Model;

/// <summary>
/// The pools of one type: its containers of items with their takes and puts, its gates with their waits and releases,
/// and which of its functions hand items out. Built once per type and compilation by <see cref="TypePoolsBuilder"/>
/// from every member body (partial declarations and nested types included), and queried by the rules and the fixes.
/// </summary>
internal sealed class TypePools
{
    private readonly Dictionary<ISymbol, Container> _containers;
    private readonly Dictionary<ISymbol, HashSet<Container>> _itemSources;

    internal TypePools(
        INamedTypeSymbol type,
        Dictionary<ISymbol, Container> containers,
        List<GateWait> waits,
        List<GateRelease> releases,
        Dictionary<ISymbol, HashSet<Container>> itemSources,
        bool hasNestedTypes)
    {
        Type = type;
        _containers = containers;
        Waits = waits;
        Releases = releases;
        _itemSources = itemSources;
        HasNestedTypes = hasNestedTypes;
    }

    public INamedTypeSymbol Type { get; }

    public IReadOnlyCollection<Container> Containers => _containers.Values;

    public IReadOnlyList<GateWait> Waits { get; }

    public IReadOnlyList<GateRelease> Releases { get; }

    /// <summary>Nested types see the type's private fields; their uses are part of this model.</summary>
    public bool HasNestedTypes { get; }

    public Container? ContainerOf(ISymbol storage) => _containers.TryGetValue(storage, out var container) ? container : null;

    /// <summary>The containers a function hands items out of, directly or through a helper of the type.</summary>
    public IEnumerable<Container> ItemsHandedOutBy(ISymbol function) =>
        _itemSources.TryGetValue(function, out var containers) ? containers : Enumerable.Empty<Container>();

    /// <summary>
    /// Whether a wait is a pool's gate rather than a lock: a Monitor.Wait (a condition wait; whether it guards items
    /// is decided by what the waiting function hands out), or a
    /// semaphore or handle kept in a field that is released somewhere other than the function that waits on it. A
    /// semaphore waited on and released in the same function (<c>Wait(); try { .. } finally { Release(); }</c>) is a
    /// mutex or a throttle: it guards a section, not items.
    /// </summary>
    public bool IsPoolGate(GateWait wait) =>
        wait.Kind == GateKind.Monitor || (wait.Gate is { } gate && IsPoolGate(gate, wait.Function));

    /// <summary>Whether a semaphore or handle in a field is a pool's gate for a function that waits on it (see <see cref="IsPoolGate(GateWait)"/>).</summary>
    public bool IsPoolGate(ISymbol gate, ISymbol waitingFunction)
    {
        // A semaphore that starts at zero signals that work arrived; a pool's gate starts at its capacity.
        if (gate is not (IFieldSymbol or IPropertySymbol) || Signals.Contains(gate, SymbolEqualityComparer.Default))
        {
            return false;
        }

        var releases = Releases.Where(release => SymbolEqualityComparer.Default.Equals(release.Gate, gate)).ToList();
        if (HoldsLeaseIn(waitingFunction))
        {
            // A whole lease in one function (wait, take an item, use it, put it back, release) guards items.
            return true;
        }

        // A mutex or a throttle: it is released only in the finally of a function that waits on it, around other work.
        if (releases.Count > 0 && releases.All(release => release.InFinally && WaitsOn(gate, release.Function, waitingFunction)))
        {
            return false;
        }

        // A pool's gate is opened where items come back, somewhere other than where it is waited on (or by code the
        // type does not show).
        return releases.Count == 0 || releases.Any(release => !FunctionComparer.Instance.Equals(release.Function, waitingFunction));
    }

    /// <summary>The functions that wait on a gate asynchronously (<c>WaitAsync</c>), which the mutex test counts as waiting too.</summary>
    public IReadOnlyList<(ISymbol Gate, ISymbol Function)> AsyncWaits { get; internal set; } = [];

    private bool WaitsOn(ISymbol gate, ISymbol function, ISymbol waitingFunction) =>
        FunctionComparer.Instance.Equals(function, waitingFunction)
        || Waits.Any(wait => SymbolEqualityComparer.Default.Equals(wait.Gate, gate) && FunctionComparer.Instance.Equals(wait.Function, function))
        || AsyncWaits.Any(wait => SymbolEqualityComparer.Default.Equals(wait.Gate, gate) && FunctionComparer.Instance.Equals(wait.Function, function));

    /// <summary>Semaphores created with no free slot: signals that work arrived, not gates in front of items.</summary>
    public IReadOnlyCollection<ISymbol> Signals { get; internal set; } = [];

    private bool HoldsLeaseIn(ISymbol function) =>
        Containers.Any(container =>
            container.Takes.Any(take => FunctionComparer.Instance.Equals(take.Function, function))
            && container.Puts.Any(put => FunctionComparer.Instance.Equals(put.Function, function)));

    /// <summary>Whether a semaphore guards the type's pooled items: a pool gate in a type that takes items from a pool's container.</summary>
    public bool GuardsItems(ISymbol gate, ISymbol waitingFunction) =>
        IsPoolGate(gate, waitingFunction) && Containers.Any(container => container.Takes.Count > 0 && container.IsGatedPool);

    /// <summary>The pool's items behind the gate; null when the wait is not a pool's gate.</summary>
    public Container? GatedContainer(GateWait wait)
    {
        if (!IsPoolGate(wait))
        {
            return null;
        }

        // The items the waiting function hands out, or takes for itself (a whole lease in one async method).
        return ItemsHandedOutBy(wait.Function).FirstOrDefault(container => container.IsGatedPool)
            ?? Containers.FirstOrDefault(container => container.IsGatedPool && container.Takes.Any(take => FunctionComparer.Instance.Equals(take.Function, wait.Function)));
    }

    /// <summary>POOL001 (b): whether a wait is a synchronous checkout's, in a function that waits on a pool gate and hands out an item.</summary>
    public bool IsBlockingGatedCheckout(GateWait wait) =>
        wait.Function is IMethodSymbol { IsAsync: false } && OperationFacts.MayWait(wait.Operation) && IsPoolGate(wait)
        && ItemsHandedOutBy(wait.Function).Any(container => container.IsGatedPool);

    /// <summary>The wait recorded for a call, matched by syntax (the model binds its own operations).</summary>
    public GateWait? WaitAt(SyntaxNode syntax) => Waits.FirstOrDefault(wait => wait.Operation.Syntax == syntax);
}
