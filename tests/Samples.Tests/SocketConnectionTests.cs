using System.Net;
using PoolBenchmark;
using StackExchange.Redis;

namespace Samples.Tests;

/// <summary>The main job's plain-socket connection (<c>--client socket</c>) against a real redis-server.</summary>
public class SocketConnectionTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task One_connection_answers_ping_after_ping()
    {
        await using var connection = await SocketConnection.ConnectAsync(EndPoint(redis.Endpoint));
        for (var i = 0; i < 1_000; i++)
        {
            await connection.PingAsync();
        }
    }

    [Fact]
    public async Task A_ping_redis_refuses_is_reported_in_redis_own_words()
    {
        // A server of its own, since it is given a password: PING then gets "-NOAUTH ...", not PONG.
        using var server = RedisServer.TryStart() ?? throw new InvalidOperationException(RedisServer.MissingMessage);
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(ConfigurationOptions.Parse(server.Endpoint + ",allowAdmin=true")))
        {
            await admin.GetServer(server.Endpoint).ConfigSetAsync("requirepass", "s3cret");
        }

        await using var connection = await SocketConnection.ConnectAsync(EndPoint(server.Endpoint));
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await connection.PingAsync());
        Assert.StartsWith("Redis answered PING with '-NOAUTH Authentication required.' instead of PONG.", error.Message, StringComparison.Ordinal);
    }

    private static EndPoint EndPoint(string endpoint) => ConfigurationOptions.Parse(endpoint).EndPoints[0];
}
