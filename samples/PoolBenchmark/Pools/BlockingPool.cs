using System.Collections.Concurrent;
using StackExchange.Redis;

namespace PoolBenchmark.Pools;

/// <summary>
/// The blocking pool, written the way users write it: a BlockingCollection and TryTake(out c, timeout), which parks the
/// calling thread-pool thread until a connection comes back. (POOL001 and POOL003 flag exactly this; the sample keeps
/// it on purpose, as the baseline.)
/// </summary>
public sealed class BlockingPool(IReadOnlyList<ConnectionMultiplexer> connections) : IRedisPool
{
#pragma warning disable POOL001, POOL003, POOL004 // the pattern under measurement (and POOL004: exclusive leasing is what the benchmark measures)
    private readonly BlockingCollection<ConnectionMultiplexer> _idle = new(new ConcurrentBag<ConnectionMultiplexer>(connections), connections.Count);

    public ValueTask<ConnectionMultiplexer?> TryCheckoutAsync(TimeSpan timeout) =>
        new(_idle.TryTake(out var connection, timeout) ? connection : null);
#pragma warning restore POOL001, POOL003, POOL004

    public void GiveBack(ConnectionMultiplexer connection) => _idle.Add(connection);
}
