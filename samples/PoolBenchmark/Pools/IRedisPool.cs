namespace PoolBenchmark.Pools;

/// <summary>
/// A pool of Redis connections as the benchmark drives it: check out with a timeout, give back. The connections are
/// StackExchange.Redis multiplexers or plain sockets (<c>--client</c>); the pools do not look inside them.
/// </summary>
public interface IRedisPool<TConnection>
    where TConnection : class
{
    /// <summary>A connection, or null when none became free within <paramref name="timeout"/>.</summary>
    ValueTask<TConnection?> TryCheckoutAsync(TimeSpan timeout);

    void GiveBack(TConnection connection);
}
