using StackExchange.Redis;

namespace LegacyRedisApp;

/// <summary>
/// The same work as the three pooled services, with POOL004's advice applied by hand: no pool and no lease; every call
/// goes to the next multiplexer round-robin, and each multiplexer pipelines the concurrent calls of every worker.
/// </summary>
public sealed class SharedServices(IReadOnlyList<ConnectionMultiplexer> connections)
{
    private int _next;

    public Task<TimeSpan> PingAsync() => Next().PingAsync();

    public Task<bool> TouchAsync(string sessionId) => Next().KeyExpireAsync("session:" + sessionId, TimeSpan.FromMinutes(20));

    public Task<bool> SetNameAsync(int userId, string name) => Next().StringSetAsync($"user:{userId}:name", name);

    public async Task<string?> GetNameAsync(int userId)
    {
        var value = await Next().StringGetAsync($"user:{userId}:name");
        return value.HasValue ? value.ToString() : null;
    }

    private IDatabase Next() => connections[(int)((uint)Interlocked.Increment(ref _next) % (uint)connections.Count)].GetDatabase();
}
