// Shape: async code calls the application's wrapper chain GetConnection() -> TakeIdle() -> _idle.Take() (three levels) on a BlockingCollection pool pre-filled in the constructor; a non-blocking property read from async code is not reported.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.ThreeLevelWrapperChain;

public sealed class CacheConnection
{
    public Task<string?> GetAsync(string key) => Task.FromResult<string?>(null);

    public Task SetAsync(string key, string value) => Task.CompletedTask;
}

public sealed class CacheConnectionPool
{
    private readonly BlockingCollection<CacheConnection> _idle = {|POOL001:new BlockingCollection<CacheConnection>()|};
    private int _checkedOut;

    public CacheConnectionPool(int size)
    {
        for (var i = 0; i < size; i++)
            _idle.Add(new CacheConnection());
    }

    public int CheckedOut => Volatile.Read(ref _checkedOut);

    public CacheConnection GetConnection()
    {
        var connection = TakeIdle();
        Interlocked.Increment(ref _checkedOut);
        return connection;
    }

    public void ReturnConnection(CacheConnection connection)
    {
        Interlocked.Decrement(ref _checkedOut);
        _idle.Add(connection);
    }

    private CacheConnection TakeIdle() => _idle.Take();
}

public sealed class ProductCache
{
    private readonly CacheConnectionPool _pool;

    public ProductCache(CacheConnectionPool pool) => _pool = pool;

    public async Task<string?> GetProductJsonAsync(int productId)
    {
        var connection = {|POOL003:_pool.GetConnection()|};
        try
        {
            return await connection.GetAsync($"product:{productId}");
        }
        finally
        {
            _pool.ReturnConnection(connection);
        }
    }

    public async Task StoreProductJsonAsync(int productId, string json)
    {
        var connection = {|POOL003:_pool.GetConnection()|};
        try
        {
            await connection.SetAsync($"product:{productId}", json);
        }
        finally
        {
            _pool.ReturnConnection(connection);
        }
    }

    public async Task<string> DescribeAsync()
    {
        await Task.Yield();
        return $"{_pool.CheckedOut} cache connections in use";
    }
}
