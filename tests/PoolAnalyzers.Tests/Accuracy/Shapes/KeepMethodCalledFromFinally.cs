// Shape: BlockingCollection pool whose items come back through Keep(...), called from another class's finally; the async repository checks out through the pool's synchronous Get().
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Shapes.KeepMethodCalledFromFinally;

public sealed class DbConnection : IDisposable
{
    public Task<int> ExecuteAsync(string sql) => Task.FromResult(sql.Length);
    public void Dispose() { }
}

public sealed class ConnectionPool : IDisposable
{
    private readonly BlockingCollection<DbConnection> _idle = {|POOL001:new BlockingCollection<DbConnection>(16)|};

    public ConnectionPool(int size)
    {
        for (var i = 0; i < size; i++)
            _idle.Add(new DbConnection());
    }

    // Waits until a connection is free.
    public DbConnection Get() => _idle.Take();

    // Puts a connection back so the next caller can use it.
    public void Keep(DbConnection connection) => _idle.Add(connection);

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
            connection.Dispose();
        _idle.Dispose();
    }
}

public sealed class OrderRepository
{
    private readonly ConnectionPool _pool;

    public OrderRepository(ConnectionPool pool) => _pool = pool;

    public async Task<int> MarkShippedAsync(int orderId)
    {
        var connection = {|POOL003:_pool.Get()|};
        try
        {
            return await connection.ExecuteAsync($"UPDATE orders SET status = 'shipped' WHERE id = {orderId}");
        }
        finally
        {
            _pool.Keep(connection);
        }
    }

    public async Task<int> CountOpenOrdersAsync()
    {
        var connection = {|POOL003:_pool.Get()|};
        try
        {
            return await connection.ExecuteAsync("SELECT COUNT(*) FROM orders WHERE status = 'open'");
        }
        finally
        {
            _pool.Keep(connection);
        }
    }
}
