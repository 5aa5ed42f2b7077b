using System.Collections.Concurrent;

namespace PoolBenchmark.Pools;

/// <summary>
/// The blocking pool, written the way users write it: a BlockingCollection and TryTake(out c, timeout), which parks the
/// calling thread-pool thread until a connection comes back. (POOL001 and POOL003 flag exactly this; the sample keeps
/// it on purpose, as the baseline.)
/// </summary>
public sealed class BlockingPool<TConnection>(IReadOnlyList<TConnection> connections) : IRedisPool<TConnection>
    where TConnection : class
{
#pragma warning disable POOL001, POOL003 // the pattern under measurement
    private readonly BlockingCollection<TConnection> _idle = new(new ConcurrentBag<TConnection>(connections), connections.Count);

    public ValueTask<TConnection?> TryCheckoutAsync(TimeSpan timeout) =>
        new(_idle.TryTake(out var connection, timeout) ? connection : null);
#pragma warning restore POOL001, POOL003

    public void GiveBack(TConnection connection) => _idle.Add(connection);
}
