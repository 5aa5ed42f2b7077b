namespace PoolBenchmark.Pools;

/// <summary>The pools --pools names, by name.</summary>
public static class RedisPools
{
    public static IRedisPool<TConnection> Create<TConnection>(string kind, IReadOnlyList<TConnection> connections, TimeSpan timeout)
        where TConnection : class =>
        kind switch
        {
            "blocking" => new BlockingPool<TConnection>(connections),
            "async" => new AsyncPoolAdapter<TConnection>(connections),
            "async-newest" => new AsyncPoolAdapter<TConnection>(connections, serveNewestFirstAfter: timeout / 2),
            "semaphore" => new SemaphorePool<TConnection>(connections),
            "channel" => new ChannelPool<TConnection>(connections),
            _ => throw new ArgumentException($"unknown pool '{kind}'"),
        };
}
