using StackExchange.Redis;

namespace PoolBenchmark.Pools;

/// <summary>A pool of Redis connections as the benchmark drives it: check out with a timeout, give back.</summary>
public interface IRedisPool
{
    /// <summary>A connection, or null when none became free within <paramref name="timeout"/>.</summary>
    ValueTask<ConnectionMultiplexer?> TryCheckoutAsync(TimeSpan timeout);

    void GiveBack(ConnectionMultiplexer connection);

    static IRedisPool Create(string kind, IReadOnlyList<ConnectionMultiplexer> connections, TimeSpan timeout) => kind switch
    {
        "blocking" => new BlockingPool(connections),
        "async" => new AsyncPoolAdapter(connections),
        "async-newest" => new AsyncPoolAdapter(connections, serveNewestFirstAfter: timeout / 2),
        "semaphore" => new SemaphorePool(connections),
        "channel" => new ChannelPool(connections),
        _ => throw new ArgumentException($"unknown pool '{kind}'"),
    };
}
