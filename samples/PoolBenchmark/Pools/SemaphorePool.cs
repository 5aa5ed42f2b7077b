using System.Collections.Concurrent;
using StackExchange.Redis;

namespace PoolBenchmark.Pools;

/// <summary>The usual hand-written async pool: a SemaphoreSlim gate (WaitAsync with a timeout) in front of a ConcurrentStack.</summary>
public sealed class SemaphorePool(IReadOnlyList<ConnectionMultiplexer> connections) : IRedisPool
{
    private readonly SemaphoreSlim _gate = new(connections.Count, connections.Count);
#pragma warning disable POOL004 // POOL004: the benchmark measures exclusive leasing on purpose (the published benchmark's protocol); its 'shared' configuration is what POOL004 advises.
    private readonly ConcurrentStack<ConnectionMultiplexer> _idle = new(connections);
#pragma warning restore POOL004

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
