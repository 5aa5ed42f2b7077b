using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace PoolAnalyzers.Internal;

/// <summary>
/// The well-known symbols the rules look for, resolved once per compilation. <see cref="TryCreate"/> returns
/// <see langword="null"/> when the compilation has none of the pool-related types, and the rules then register nothing.
/// </summary>
internal sealed class PoolSymbols
{
    private PoolSymbols(Compilation compilation)
    {
        Compilation = compilation;
        BlockingCollection = Type("System.Collections.Concurrent.BlockingCollection`1");
        SemaphoreSlim = Type("System.Threading.SemaphoreSlim");
        Semaphore = Type("System.Threading.Semaphore");
        WaitHandle = Type("System.Threading.WaitHandle");
        Monitor = Type("System.Threading.Monitor");
        AsyncPool = Type("PoolRuntime.AsyncPool`1");
        Task = Type("System.Threading.Tasks.Task");
        TaskOfT = Type("System.Threading.Tasks.Task`1");
        ValueTask = Type("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = Type("System.Threading.Tasks.ValueTask`1");
        CancellationToken = Type("System.Threading.CancellationToken");
        TimeSpan = Type("System.TimeSpan");

        var collections = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in new[]
        {
            "System.Collections.Concurrent.ConcurrentBag`1",
            "System.Collections.Concurrent.ConcurrentQueue`1",
            "System.Collections.Concurrent.ConcurrentStack`1",
            "System.Collections.Generic.Queue`1",
            "System.Collections.Generic.Stack`1",
            "System.Collections.Generic.List`1",
        })
        {
            if (Type(name) is { } type)
            {
                collections.Add(type);
            }
        }

        PooledItemCollections = collections.ToImmutable();
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol? BlockingCollection { get; }

    public INamedTypeSymbol? SemaphoreSlim { get; }

    public INamedTypeSymbol? Semaphore { get; }

    public INamedTypeSymbol? WaitHandle { get; }

    public INamedTypeSymbol? Monitor { get; }

    /// <summary>PoolRuntime's pool, when the compilation references PoolRuntime; the rewrites need it.</summary>
    public INamedTypeSymbol? AsyncPool { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    /// <summary>The collections a semaphore- or monitor-gated pool keeps its idle items in.</summary>
    public ImmutableHashSet<INamedTypeSymbol> PooledItemCollections { get; }

    public static PoolSymbols? TryCreate(Compilation compilation)
    {
        var symbols = new PoolSymbols(compilation);
        return symbols.BlockingCollection is null && symbols.SemaphoreSlim is null && symbols.Monitor is null && symbols.AsyncPool is null
            ? null
            : symbols;
    }

    public bool IsBlockingCollection(ITypeSymbol? type) => Is(type, BlockingCollection);

    public bool IsAsyncPool(ITypeSymbol? type) => Is(type, AsyncPool);

    public bool IsPooledItemCollection(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && PooledItemCollections.Contains(named.OriginalDefinition);

    public bool IsTaskLike(ITypeSymbol? type) =>
        Is(type, Task) || Is(type, TaskOfT) || Is(type, ValueTask) || Is(type, ValueTaskOfT);

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    private INamedTypeSymbol? Type(string metadataName) => Compilation.GetTypeByMetadataName(metadataName);
}
