using System.Collections.Concurrent;
using StackExchange.Redis;

namespace LegacyRedisApp;

/// <summary>A hand-written pool gated by a SemaphoreSlim whose Wait blocks, called from async code.</summary>
public sealed class SessionStore
{
    private readonly SemaphoreSlim _gate;
    private readonly ConcurrentBag<ConnectionMultiplexer> _idle;

    public SessionStore(IReadOnlyCollection<ConnectionMultiplexer> connections)
    {
        _gate = new SemaphoreSlim(connections.Count, connections.Count);
        _idle = new ConcurrentBag<ConnectionMultiplexer>(connections);
    }

    public async Task<bool> TouchAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_gate.Wait(1000))
        {
            throw new TimeoutException("No connection available.");
        }

        _idle.TryTake(out var connection);
        try
        {
            return await connection!.GetDatabase().KeyExpireAsync("session:" + sessionId, TimeSpan.FromMinutes(20));
        }
        finally
        {
            _idle.Add(connection!);
            _gate.Release();
        }
    }
}
