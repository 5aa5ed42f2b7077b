using System.Collections.Concurrent;
using StackExchange.Redis;

namespace LegacyRedisApp;

/// <summary>The classic blocking pool: a BlockingCollection of multiplexers, TryTake with a timeout, Add in finally.</summary>
public sealed class RedisConnectionPool
{
    private readonly BlockingCollection<ConnectionMultiplexer> _connections = new BlockingCollection<ConnectionMultiplexer>(8);
    private readonly TimeSpan _timeout;

    public RedisConnectionPool(IEnumerable<ConnectionMultiplexer> connections, TimeSpan timeout)
    {
        _timeout = timeout;
        foreach (var connection in connections)
        {
            _connections.Add(connection);
        }
    }

    public async Task<TimeSpan> PingAsync()
    {
        if (!_connections.TryTake(out var connection, _timeout))
        {
            throw new TimeoutException("No connection available.");
        }

        try
        {
            return await connection.GetDatabase().PingAsync();
        }
        finally
        {
            _connections.Add(connection);
        }
    }
}
