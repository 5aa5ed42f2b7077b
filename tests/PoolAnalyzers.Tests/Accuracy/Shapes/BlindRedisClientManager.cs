// Shape: a ServiceStack-style PooledRedisClientManager over a BlockingCollection<RedisClient> (GetClient() waits with TryTake(out c, timeout), DisposeClient(c) puts it back, RedisClient.Dispose() calls DisposeClient); async cart code calls GetClient(), a synchronous admin command does too.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shapes.BlindRedisClientManager;

public sealed class RedisClient : IDisposable
{
    internal PooledRedisClientManager? Manager { get; set; }

    public Task<long> HashIncrementAsync(string hash, string field, long by) => Task.FromResult(by);

    public Task<Dictionary<string, string>> HashGetAllAsync(string hash) => Task.FromResult(new Dictionary<string, string>());

    public void FlushDb() { }

    public void Dispose() => Manager?.DisposeClient(this);
}

public sealed class PooledRedisClientManager
{
    private readonly BlockingCollection<RedisClient> _pool;
    private readonly TimeSpan _poolTimeout;

    public PooledRedisClientManager(int maxPoolSize, TimeSpan poolTimeout)
    {
        _poolTimeout = poolTimeout;
        _pool = {|POOL001:new BlockingCollection<RedisClient>(maxPoolSize)|};
        for (var i = 0; i < maxPoolSize; i++)
            _pool.Add(new RedisClient { Manager = this });
    }

    public RedisClient GetClient()
    {
        if (!_pool.TryTake(out var client, _poolTimeout))
            throw new TimeoutException($"Redis pool timed out after {_poolTimeout.TotalSeconds}s.");
        return client;
    }

    public void DisposeClient(RedisClient client) => _pool.Add(client);
}

public sealed class ShoppingCartService
{
    private readonly PooledRedisClientManager _redisManager;

    public ShoppingCartService(PooledRedisClientManager redisManager) => _redisManager = redisManager;

    public async Task<long> AddItemAsync(string cartId, string sku, int quantity)
    {
        using var redis = {|POOL003:_redisManager.GetClient()|};
        return await redis.HashIncrementAsync($"cart:{cartId}", sku, quantity);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetCartAsync(string cartId)
    {
        using (var redis = {|POOL003:_redisManager.GetClient()|})
        {
            var entries = await redis.HashGetAllAsync($"cart:{cartId}");
            return entries;
        }
    }

    public void ClearEverything()
    {
        using var redis = _redisManager.GetClient();
        redis.FlushDb();
    }
}
