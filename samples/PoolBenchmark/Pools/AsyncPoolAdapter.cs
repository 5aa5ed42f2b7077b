using PoolRuntime;
using StackExchange.Redis;

namespace PoolBenchmark.Pools;

/// <summary>PoolRuntime's AsyncPool: callers wait without a thread, FIFO, and a returned connection goes straight to the oldest waiter.</summary>
public sealed class AsyncPoolAdapter(IReadOnlyList<ConnectionMultiplexer> connections) : IRedisPool
{
#pragma warning disable POOL004 // POOL004: the benchmark measures exclusive leasing on purpose (the published benchmark's protocol); its 'shared' configuration is what POOL004 advises.
    private readonly AsyncPool<ConnectionMultiplexer> _pool = new(connections, connections.Count);
#pragma warning restore POOL004

    public ValueTask<ConnectionMultiplexer?> TryCheckoutAsync(TimeSpan timeout) => _pool.TryTakeAsync(timeout);

    public void GiveBack(ConnectionMultiplexer connection) => _pool.Add(connection);
}
