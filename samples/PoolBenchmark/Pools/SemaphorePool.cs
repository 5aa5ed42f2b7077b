using System.Collections.Concurrent;

namespace PoolBenchmark.Pools;

/// <summary>The usual hand-written async pool: a SemaphoreSlim gate (WaitAsync with a timeout) in front of a ConcurrentStack.</summary>
public sealed class SemaphorePool<TConnection>(IReadOnlyList<TConnection> connections) : IRedisPool<TConnection>
    where TConnection : class
{
    private readonly SemaphoreSlim _gate = new(connections.Count, connections.Count);
    private readonly ConcurrentStack<TConnection> _idle = new(connections);

    public async ValueTask<TConnection?> TryCheckoutAsync(TimeSpan timeout)
    {
        if (!await _gate.WaitAsync(timeout))
        {
            return null;
        }

        return _idle.TryPop(out var connection) ? connection : throw new InvalidOperationException("gate and stack disagree");
    }

    public void GiveBack(TConnection connection)
    {
        _idle.Push(connection);
        _gate.Release();
    }
}
