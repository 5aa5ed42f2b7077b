using PoolBenchmark;

namespace PoolSoak;

/// <summary>A redis-server from PATH on a free loopback port that can be killed and restarted on the same port, as a crash and a recovery would.</summary>
public sealed class RestartableRedis : IDisposable
{
    private RedisServer _server;

    private RestartableRedis(RedisServer server) => _server = server;

    public string Endpoint => _server.Endpoint;

    /// <summary>Starts one, or returns null when there is no redis-server on PATH (<see cref="RedisServer.MissingMessage"/> says what to do).</summary>
    public static RestartableRedis? TryStart() => RedisServer.TryStart() is { } server ? new RestartableRedis(server) : null;

    public string Version() => _server.Version();

    /// <summary>Kills the server, waits <paramref name="length"/>, calls <paramref name="beforeRestart"/>, and restarts it on the same port.</summary>
    public async Task OutageAsync(TimeSpan length, Action? beforeRestart = null)
    {
        _server.Kill();
        await Task.Delay(length).ConfigureAwait(false);
        beforeRestart?.Invoke();
        var port = _server.Port;
        _server.Dispose();
        _server = RedisServer.TryStart(port) ?? throw new InvalidOperationException("redis-server vanished from PATH while it was down. " + RedisServer.MissingMessage);
    }

    public void Dispose() => _server.Dispose();
}
