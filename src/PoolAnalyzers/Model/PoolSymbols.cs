using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PoolAnalyzers.Model;

/// <summary>
/// The well-known symbols the pool model looks for, resolved once per compilation by metadata name (the analyzers
/// never reference PoolRuntime or any client library). <see cref="TryCreate"/> returns <see langword="null"/> when the
/// compilation has none of the types a blocking pool is built on, and the rules then register nothing.
/// </summary>
internal sealed class PoolSymbols
{
    private PoolSymbols(Compilation compilation)
    {
        Compilation = compilation;
        BlockingCollection = Type("System.Collections.Concurrent.BlockingCollection`1");
        SemaphoreSlim = Type("System.Threading.SemaphoreSlim");
        WaitHandle = Type("System.Threading.WaitHandle");
        Monitor = Type("System.Threading.Monitor");
        AsyncPool = Type("PoolRuntime.AsyncPool`1");
        Task = Type("System.Threading.Tasks.Task");
        TaskOfT = Type("System.Threading.Tasks.Task`1");
        ValueTask = Type("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = Type("System.Threading.Tasks.ValueTask`1");
        CancellationToken = Type("System.Threading.CancellationToken");

        ItemCollections = TypesNamed(
            "System.Collections.Concurrent.ConcurrentBag`1",
            "System.Collections.Concurrent.ConcurrentQueue`1",
            "System.Collections.Concurrent.ConcurrentStack`1",
            "System.Collections.Generic.Queue`1",
            "System.Collections.Generic.Stack`1",
            "System.Collections.Generic.List`1",
            "System.Collections.Generic.LinkedList`1");
        MultiplexedTypes = TypesNamed(
            "StackExchange.Redis.ConnectionMultiplexer",
            "StackExchange.Redis.IConnectionMultiplexer",
            "StackExchange.Redis.IDatabase",
            "StackExchange.Redis.ISubscriber",
            "StackExchange.Redis.IServer");
        ExclusivePools = TypesNamed(
            "PoolRuntime.AsyncPool`1",
            "Microsoft.Extensions.ObjectPool.ObjectPool`1",
            "Microsoft.Extensions.ObjectPool.DefaultObjectPool`1");
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol? BlockingCollection { get; }

    public INamedTypeSymbol? SemaphoreSlim { get; }

    public INamedTypeSymbol? WaitHandle { get; }

    public INamedTypeSymbol? Monitor { get; }

    /// <summary>PoolRuntime's pool, when the compilation references PoolRuntime; the rewrites need it.</summary>
    public INamedTypeSymbol? AsyncPool { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary>StackExchange.Redis's thread-safe, pipelining objects (found by name: the analyzers reference no client library).</summary>
    public ImmutableHashSet<INamedTypeSymbol> MultiplexedTypes { get; }

    /// <summary>Pool types that lease each item to one caller at a time: AsyncPool, Microsoft.Extensions.ObjectPool.</summary>
    public ImmutableHashSet<INamedTypeSymbol> ExclusivePools { get; }

    /// <summary>A StackExchange.Redis multiplexer, database, subscriber or server: one instance serves concurrent callers.</summary>
    public bool IsMultiplexed(ITypeSymbol? type) =>
        type is INamedTypeSymbol named
        && (MultiplexedTypes.Contains(named.OriginalDefinition) || named.AllInterfaces.Any(i => MultiplexedTypes.Contains(i.OriginalDefinition)));

    /// <summary>The non-blocking collections a gated pool keeps its idle items in (arrays are recognised by kind).</summary>
    public ImmutableHashSet<INamedTypeSymbol> ItemCollections { get; }

    public static PoolSymbols? TryCreate(Compilation compilation)
    {
        var symbols = new PoolSymbols(compilation);
        return symbols.BlockingCollection is null && symbols.SemaphoreSlim is null && symbols.Monitor is null && symbols.AsyncPool is null
            ? null
            : symbols;
    }

    public bool IsBlockingCollection(ITypeSymbol? type) => Is(type, BlockingCollection);

    public bool IsAsyncPool(ITypeSymbol? type) => Is(type, AsyncPool);

    public bool IsSemaphoreSlim(ITypeSymbol? type) => Is(type, SemaphoreSlim);

    public bool IsMonitor(ITypeSymbol? type) => Is(type, Monitor);

    /// <summary>A Semaphore, AutoResetEvent, ManualResetEvent or any other WaitHandle.</summary>
    public bool IsWaitHandle(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, WaitHandle))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A collection items can be kept in: BlockingCollection, the concurrent and generic queues, stacks and lists, or an array of references.</summary>
    public bool IsItemContainer(ITypeSymbol? type) =>
        IsBlockingCollection(type)
        || (type is INamedTypeSymbol named && ItemCollections.Contains(named.OriginalDefinition))
        || type is IArrayTypeSymbol { Rank: 1, ElementType.IsReferenceType: true, ElementType.SpecialType: not SpecialType.System_String and not SpecialType.System_Object };

    /// <summary>The type of the items a container holds.</summary>
    public static ITypeSymbol? ElementType(ITypeSymbol? container) => container switch
    {
        IArrayTypeSymbol array => array.ElementType,
        INamedTypeSymbol { TypeArguments.Length: 1 } named => named.TypeArguments[0],
        _ => null,
    };

    /// <summary>A dictionary (or other keyed collection) whose values are containers: keyed pools, one per endpoint.</summary>
    public bool IsContainerOfContainers(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeArguments.Length: 2 } named && IsItemContainer(named.TypeArguments[1]);

    public bool IsTaskLike(ITypeSymbol? type) =>
        Is(type, Task) || Is(type, TaskOfT) || Is(type, ValueTask) || Is(type, ValueTaskOfT);

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    private INamedTypeSymbol? Type(string metadataName) => Compilation.GetTypeByMetadataName(metadataName);

    /// <summary>The types of these metadata names that the compilation has.</summary>
    private ImmutableHashSet<INamedTypeSymbol> TypesNamed(params string[] metadataNames) =>
        metadataNames.Select(Type).OfType<INamedTypeSymbol>().ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
}
