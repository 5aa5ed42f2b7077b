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

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SocketConnection.ConnectAsync(EndPoint(server.Endpoint)));
        Assert.StartsWith("Redis answered PING with '-NOAUTH Authentication required.' instead of PONG.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_redis_closed_fails_its_ping_and_every_later_one_in_words()
    {
        using var server = RedisServer.TryStart() ?? throw new InvalidOperationException(RedisServer.MissingMessage);
        await using var connection = await SocketConnection.ConnectAsync(EndPoint(server.Endpoint));
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(ConfigurationOptions.Parse(server.Endpoint + ",allowAdmin=true")))
        {
            await admin.GetServer(server.Endpoint).ExecuteAsync("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
        }

        // The first failure is the socket's (closed, or reset, depending on which the kernel sees first); after it the
        // connection is closed for good, so no later PING can read a stale reply and count it a success.
        var first = await Assert.ThrowsAnyAsync<Exception>(async () => await connection.PingAsync());
        Assert.True(first is IOException or System.Net.Sockets.SocketException, first.ToString());
        var later = await Assert.ThrowsAsync<IOException>(async () => await connection.PingAsync());
        Assert.Equal($"This connection was closed after an earlier PING failed: {first.Message}", later.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:6379,password=s3cret", "it sets a user or password, and --client socket sends no AUTH")]
    [InlineData("127.0.0.1:6379,ssl=true", "it asks for TLS, and --client socket speaks plain TCP")]
    public void An_endpoint_this_client_cannot_speak_to_is_refused_with_the_reason(string redis, string reason)
    {
        Assert.Null(SocketConnection.EndPointOf(redis, out var why));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void A_host_without_a_port_gets_redis_default_port()
    {
        var endpoint = SocketConnection.EndPointOf("localhost", out var why);
        Assert.Null(why);
        Assert.Equal(6379, Assert.IsType<DnsEndPoint>(endpoint).Port);
    }

    private static EndPoint EndPoint(string endpoint) => SocketConnection.EndPointOf(endpoint, out _)!;
}
