using StackExchange.Redis;

namespace PoolBenchmark;

/// <summary>
/// Before the first configuration: can the benchmark reach the Redis it was pointed at? A wrong --redis would
/// otherwise make every child process fail, and every row read as a starved pool.
/// </summary>
public static class RedisCheck
{
    /// <summary>Null when <paramref name="endpoint"/> answers PING within a few seconds; otherwise why not, in words.</summary>
    public static async Task<string?> WhyUnreachableAsync(string endpoint)
    {
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(endpoint);
        }
        catch (ArgumentException error)
        {
            return $"'{endpoint}' is not a Redis address ({error.Message}); pass host:port";
        }

        if (configuration.EndPoints.Count == 0)
        {
            return $"'{endpoint}' names no endpoint; pass host:port";
        }

        configuration.AbortOnConnectFail = true;
        configuration.ConnectTimeout = 3000;
        configuration.ConnectRetry = 1;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
            await connection.GetDatabase().PingAsync();
            return null;
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            // The client's first sentence, and the socket's own reason when it gives one ("Connection refused").
            var first = error.Message.Split('.')[0].Trim();
            return error.InnerException is { } inner ? $"{first} ({inner.Message.Split('.')[0].Trim()})" : first;
        }
    }
}
