using PoolRuntime;

namespace PoolBenchmark.Pools;

/// <summary>
/// PoolRuntime's AsyncPool: callers wait without a thread, and a returned connection goes straight to a waiter: the
/// oldest, or with <c>serveNewestFirstAfter</c> the newest while the oldest has waited longer than that.
/// </summary>
public sealed class AsyncPoolAdapter<TConnection>(IReadOnlyList<TConnection> connections, TimeSpan? serveNewestFirstAfter = null) : IRedisPool<TConnection>
    where TConnection : class
{
    private readonly AsyncPool<TConnection> _pool = Filled(new(new AsyncPoolOptions<TConnection>
    {
        MaxSize = connections.Count,
        WaitTimeout = Timeout.InfiniteTimeSpan, // every checkout passes its own timeout
        ServeNewestFirstAfter = serveNewestFirstAfter,
    }), connections);

    public ValueTask<TConnection?> TryCheckoutAsync(TimeSpan timeout) => _pool.TryTakeAsync(timeout);

    public void GiveBack(TConnection connection) => _pool.Add(connection);

    private static AsyncPool<TConnection> Filled(AsyncPool<TConnection> pool, IReadOnlyList<TConnection> connections)
    {
        foreach (var connection in connections)
        {
            pool.Add(connection);
        }

        return pool;
    }
}
