using System.Collections.Concurrent;
using StackExchange.Redis;

namespace PoolBenchmark.Pools;

/// <summary>The usual hand-written async pool: a SemaphoreSlim gate (WaitAsync with a timeout) in front of a ConcurrentStack.</summary>
public sealed class SemaphorePool(IReadOnlyList<ConnectionMultiplexer> connections) : IRedisPool
{
    private readonly SemaphoreSlim _gate = new(connections.Count, connections.Count);
    private readonly ConcurrentStack<ConnectionMultiplexer> _idle = new(connections);

    public async ValueTask<ConnectionMultiplexer?> TryCheckoutAsync(TimeSpan timeout)
    {
        if (!await _gate.WaitAsync(timeout))
        {
            return null;
        }

        return _idle.TryPop(out var connection) ? connection : throw new InvalidOperationException("gate and stack disagree");
    }

    public void GiveBack(ConnectionMultiplexer connection)
    {
        _idle.Push(connection);
        _gate.Release();
    }
}
