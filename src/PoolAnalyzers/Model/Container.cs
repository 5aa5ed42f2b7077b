using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PoolAnalyzers.Internal;

namespace PoolAnalyzers.Model;

/// <summary>What a container of items is used as, read from how items flow through it.</summary>
internal enum ContainerRole
{
    /// <summary>Nothing is known: no takes and puts seen (a collection handed in from elsewhere).</summary>
    Unknown,

    /// <summary>Items leave in checkouts and the same items come back: a pool.</summary>
    Pool,

    /// <summary>Items go in on one side and are consumed on the other, never returned.</summary>
    WorkQueue,
}

/// <summary>
/// One container of items (a field, property, local, or a dictionary of per-key containers) and every take and put
/// its type makes, gathered over the type's members by <see cref="TypePools"/>. The role is decided the way a reader
/// decides it: a pool hands items out and gets the same items back (in a <c>finally</c>, as the very item it took, or
/// through a method that takes the item as a parameter while the pool makes or owns its items); a work queue only
/// receives items from its callers and consumes them.
/// </summary>
internal sealed class Container(ISymbol storage, ITypeSymbol? elementType)
{
    private const int Undecided = -1;

    private static readonly string[] PutBackVerbs = ["Return", "Release", "Recycle", "Restore", "CheckIn", "GiveBack", "PutBack", "Free"];

    // Decided on first use and cached; an int (not a ContainerRole?) so that a thread reading it while another writes
    // it sees either "undecided" or the whole role: a nullable's two fields can be read torn, with HasValue set and the
    // role still Unknown, which once hid a pool from POOL001 under concurrent analysis.
    private int _role = Undecided;

    public ISymbol Storage { get; } = storage;

    public ITypeSymbol? ElementType { get; } = elementType;

    /// <summary>The creations of the container kept here: where POOL001 reports a blocking BlockingCollection pool, and POOL004 a pool of multiplexers.</summary>
    public List<IObjectCreationOperation> Creations { get; } = [];

    public List<Take> Takes { get; } = [];

    public List<Put> Puts { get; } = [];

    /// <summary>Locals and members a take writes its item to: putting one of them back returns the taken item.</summary>
    public HashSet<ISymbol> TakenInto { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Filled when it is made (a collection initializer, an items argument) or in a constructor.</summary>
    public bool IsFilledByOwner { get; set; }

    /// <summary>Read with GetConsumingEnumerable: a consumer loop, the mark of a work queue.</summary>
    public bool IsConsumed { get; set; }

    /// <summary>A use AsyncPool&lt;T&gt; lacks (Count, CompleteAdding, passing the collection on): the type swap would not compile or would change meaning.</summary>
    public string? UnsupportedUse { get; set; }

    public ContainerRole Role
    {
        get
        {
            var role = Volatile.Read(ref _role);
            if (role == Undecided)
            {
                role = (int)DecideRole();
                Volatile.Write(ref _role, role);
            }

            return (ContainerRole)role;
        }
    }

    /// <summary>A take that can block the thread (Take, TryTake with a timeout): what makes a BlockingCollection pool a blocking one.</summary>
    public bool HasBlockingTake => Takes.Any(take => take.Blocks);

    /// <summary>Hands items out and gets them back, as far as its type shows.</summary>
    public bool IsPool => Role == ContainerRole.Pool;

    /// <summary>
    /// Behind a gate, a container is a pool unless its items only ever come from callers with nothing that marks
    /// them as the pool's own (a hand-built blocking queue: Enqueue(item) and a Dequeue that waits).
    /// </summary>
    public bool IsGatedPool => !IsConsumed && (IsPool || !Puts.Any(put => put.IsFromCallerOutsideConstructor) || OwnsItems);

    internal bool OwnsItems { get; set; }

    /// <summary>Put-back method names seen called in a <c>finally</c> anywhere in the compilation (set by the model).</summary>
    internal Func<string, bool> IsCalledInFinally { get; set; } = _ => false;

    private ContainerRole DecideRole()
    {
        if (Takes.Count == 0 && Puts.Count == 0 && !IsConsumed)
        {
            return ContainerRole.Unknown;
        }

        // The taken item comes back (the very local or member it was taken into), in a finally, from another function,
        // or after it was used: not put straight back where it was taken (a rotation), nor re-queued on failure (a retry).
        if (Takes.Count > 0 && Puts.Any(put => put.ValueSymbol is { } symbol && TakenInto.Contains(symbol) && !put.InCatch
            && (put.InFinally || !Takes.Any(take => FunctionComparer.Instance.Equals(take.Function, put.Function)) || put.IsUsedBefore)))
        {
            return ContainerRole.Pool;
        }

        // Items are handed out, and come back through a method that takes them as a parameter (whatever its name),
        // where something shows they are the pool's own: the put-back method is named or used like one (called from
        // a finally), or the pool makes or pre-fills its items (a weaker sign, which a consumer loop over
        // GetConsumingEnumerable outweighs).
        if (Takes.Any(take => take.Escapes) && Puts.Any(put => put.IsFromCallerOutsideConstructor)
            && (Puts.Any(put => put.IsFromCallerOutsideConstructor && IsPutBackMethod(put.Function)) || (OwnsItems && !IsConsumed)))
        {
            return ContainerRole.Pool;
        }

        return Puts.Count > 0 || IsConsumed ? ContainerRole.WorkQueue : ContainerRole.Unknown;
    }

    private bool IsPutBackMethod(ISymbol function) =>
        PutBackVerbs.Any(verb => function.Name.StartsWith(verb, StringComparison.Ordinal)) || IsCalledInFinally(function.Name);
}

/// <summary>An item leaving a container: <c>Take</c>, <c>TryTake(out x)</c>, <c>Dequeue</c>, <c>Pop</c>, a slot read and cleared.</summary>
internal sealed class Take(IOperation operation, ISymbol function, bool escapes, bool blocks)
{
    public IOperation Operation { get; } = operation;

    /// <summary>The method, local function or lambda the take is in.</summary>
    public ISymbol Function { get; } = function;

    /// <summary>The item is handed out of the function: a checkout, not a consumer.</summary>
    public bool Escapes { get; } = escapes;

    /// <summary>The take itself blocks the thread while the container is empty (BlockingCollection.Take, a timed TryTake).</summary>
    public bool Blocks { get; } = blocks;
}

/// <summary>An item going into a container: <c>Add</c>, <c>Enqueue</c>, <c>Push</c>, a slot written.</summary>
internal sealed class Put(IOperation value, ISymbol function, bool inFinally, bool inConstructor)
{
    public IOperation Value { get; } = value;

    public ISymbol Function { get; } = function;

    public bool InFinally { get; } = inFinally;

    public bool InConstructor { get; } = inConstructor;

    /// <summary>The local, parameter or member the value reads, if it reads one.</summary>
    public ISymbol? ValueSymbol { get; } = value.WithoutConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
        _ => null,
    };

    /// <summary>The put is in a catch clause: an item re-queued after a failure.</summary>
    public bool InCatch { get; } = IsInCatch(value);

    /// <summary>The local it puts back was used earlier in the function, other than by this put.</summary>
    public bool IsUsedBefore => ValueSymbol is ILocalSymbol local && AsyncCode.Root(Value).Descendants().Any(operation =>
        operation is ILocalReferenceOperation reference
        && SymbolEqualityComparer.Default.Equals(reference.Local, local)
        && reference.Syntax.SpanStart < Value.Syntax.SpanStart
        && !(reference.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Out })
        && !(reference.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference)));

    /// <summary>An item the caller hands in, through a parameter of a method that is not a constructor.</summary>
    public bool IsFromCallerOutsideConstructor => !InConstructor && ValueSymbol is IParameterSymbol;

    private static bool IsInCatch(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ICatchClauseOperation:
                    return true;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
            }
        }

        return false;
    }
}
