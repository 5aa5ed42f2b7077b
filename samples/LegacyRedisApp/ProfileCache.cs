using PoolRuntime;
using StackExchange.Redis;

namespace LegacyRedisApp;

/// <summary>Code that already moved to AsyncPool, but still blocks on its checkout inside async code.</summary>
public sealed class ProfileCache(AsyncPool<ConnectionMultiplexer> pool)
{
    public async Task<string?> GetNameAsync(int userId)
    {
        using var lease = pool.RentAsync().Result;
        var value = await lease.Value.GetDatabase().StringGetAsync($"user:{userId}:name");
        return value.HasValue ? value.ToString() : null;
    }

    public async Task SetNameAsync(int userId, string name)
    {
        var connection = pool.TakeAsync().GetAwaiter().GetResult();
        try
        {
            await connection.GetDatabase().StringSetAsync($"user:{userId}:name", name);
        }
        finally
        {
            pool.Add(connection);
        }
    }
}
