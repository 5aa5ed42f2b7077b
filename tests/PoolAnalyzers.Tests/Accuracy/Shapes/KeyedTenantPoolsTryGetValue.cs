// Shape: keyed pools per tenant created by GetOrAdd(key, _ => new BlockingCollection<T>(size)) at registration, taken via TryGetValue(key, out var pool) and via the indexer _pools[key] in async code; a synchronous maintenance job uses the indexer too.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shapes.KeyedTenantPoolsTryGetValue;

public sealed class TenantDb
{
    public TenantDb(string tenant) => Tenant = tenant;

    public string Tenant { get; }

    public Task<int> ExecuteAsync(string sql) => Task.FromResult(0);

    public void Execute(string sql) { }
}

public sealed class TenantConnectionPools
{
    private readonly ConcurrentDictionary<string, BlockingCollection<TenantDb>> _pools = new(StringComparer.OrdinalIgnoreCase);

    public void Register(string tenant, int size)
    {
        var pool = _pools.GetOrAdd(tenant, _ => {|POOL001:new BlockingCollection<TenantDb>(size)|});
        for (var i = pool.Count; i < size; i++)
            pool.TryAdd(new TenantDb(tenant));
    }

    public async Task<int> ExecuteAsync(string tenant, string sql)
    {
        if (!_pools.TryGetValue(tenant, out var pool))
            throw new KeyNotFoundException($"Tenant '{tenant}' is not registered.");

        var db = {|POOL003:pool.Take()|};
        try
        {
            return await db.ExecuteAsync(sql);
        }
        finally
        {
            pool.Add(db);
        }
    }

    public async Task<int> CountUsersAsync(string tenant)
    {
        var db = {|POOL003:_pools[tenant].Take()|};
        try
        {
            return await db.ExecuteAsync("SELECT COUNT(*) FROM users");
        }
        finally
        {
            _pools[tenant].Add(db);
        }
    }

    // Nightly maintenance runs on a plain thread.
    public void Vacuum(string tenant)
    {
        var db = _pools[tenant].Take();
        try
        {
            db.Execute("VACUUM");
        }
        finally
        {
            _pools[tenant].Add(db);
        }
    }
}
