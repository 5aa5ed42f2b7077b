using PoolBenchmark;

namespace Samples.Tests;

/// <summary>
/// A real redis-server for the sample tests: the one CI started (REDIS_URL), else one started here from PATH on a
/// free loopback port. Without redis-server the tests fail with the install instructions; they never mock Redis.
/// </summary>
public sealed class RedisFixture : IDisposable
{
    private readonly RedisServer? _server;

    public RedisFixture()
    {
        var url = Environment.GetEnvironmentVariable("REDIS_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            Endpoint = url;
            return;
        }

        _server = RedisServer.TryStart() ?? throw new InvalidOperationException(RedisServer.MissingMessage);
        Endpoint = _server.Endpoint;
    }

    public string Endpoint { get; }

    public void Dispose() => _server?.Dispose();
}
