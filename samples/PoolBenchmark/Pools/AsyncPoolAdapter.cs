using PoolRuntime;
using StackExchange.Redis;

namespace PoolBenchmark.Pools;

/// <summary>
/// PoolRuntime's AsyncPool: callers wait without a thread, and a returned connection goes straight to a waiter: the
/// oldest, or with <c>serveNewestFirstAfter</c> the newest while the oldest has waited longer than that.
/// </summary>
public sealed class AsyncPoolAdapter(IReadOnlyList<ConnectionMultiplexer> connections, TimeSpan? serveNewestFirstAfter = null) : IRedisPool
{
#pragma warning disable POOL004 // POOL004: the benchmark measures exclusive leasing on purpose (the published benchmark's protocol); its 'shared' configuration is what POOL004 advises.
    private readonly AsyncPool<ConnectionMultiplexer> _pool = Filled(new(new AsyncPoolOptions<ConnectionMultiplexer>
    {
        MaxSize = connections.Count,
        WaitTimeout = Timeout.InfiniteTimeSpan, // every checkout passes its own timeout
        ServeNewestFirstAfter = serveNewestFirstAfter,
    }), connections);
#pragma warning restore POOL004

    public ValueTask<ConnectionMultiplexer?> TryCheckoutAsync(TimeSpan timeout) => _pool.TryTakeAsync(timeout);

    public void GiveBack(ConnectionMultiplexer connection) => _pool.Add(connection);

    private static AsyncPool<ConnectionMultiplexer> Filled(AsyncPool<ConnectionMultiplexer> pool, IReadOnlyList<ConnectionMultiplexer> connections)
    {
        foreach (var connection in connections)
        {
            pool.Add(connection);
        }

        return pool;
    }
}
