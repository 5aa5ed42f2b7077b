// Shape: repository -> unit of work -> pool chain: OrderRepository's async methods read _uow.Connection, a lazy property getter (_connection ??= _pool.Borrow()) over a BlockingCollection pool whose Borrow() calls Take(); UnitOfWork.Dispose() puts the connection back; synchronous repository code reads the same property.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shapes.BlindRepositoryUnitOfWorkChain;

public sealed class SqlConnection
{
    public Task<int> ExecuteScalarAsync(string sql) => Task.FromResult(0);

    public Task<List<string>> QueryAsync(string sql) => Task.FromResult(new List<string>());

    public int ExecuteScalar(string sql) => 0;
}

public sealed class SqlConnectionPool
{
    private readonly BlockingCollection<SqlConnection> _idle = {|POOL001:new BlockingCollection<SqlConnection>(boundedCapacity: 10)|};

    public SqlConnectionPool()
    {
        for (var i = 0; i < 10; i++)
            _idle.Add(new SqlConnection());
    }

    public SqlConnection Borrow() => _idle.Take();

    public void Recycle(SqlConnection connection) => _idle.Add(connection);
}

public sealed class UnitOfWork : IDisposable
{
    private readonly SqlConnectionPool _pool;
    private SqlConnection? _connection;

    public UnitOfWork(SqlConnectionPool pool) => _pool = pool;

    public SqlConnection Connection => _connection ??= _pool.Borrow();

    public void Dispose()
    {
        if (_connection is not null)
        {
            _pool.Recycle(_connection);
            _connection = null;
        }
    }
}

public sealed class OrderRepository
{
    private readonly UnitOfWork _uow;

    public OrderRepository(UnitOfWork uow) => _uow = uow;

    public async Task<int> CountOpenAsync()
    {
        var connection = {|POOL003:_uow.Connection|};
        return await connection.ExecuteScalarAsync("SELECT COUNT(*) FROM orders WHERE status = 'open'");
    }

    public async Task<List<string>> ListForCustomerAsync(int customerId)
    {
        return await {|POOL003:_uow.Connection|}.QueryAsync($"SELECT id FROM orders WHERE customer_id = {customerId}");
    }

    public int CountAll() => _uow.Connection.ExecuteScalar("SELECT COUNT(*) FROM orders");
}

public sealed class OrderService
{
    private readonly SqlConnectionPool _pool;

    public OrderService(SqlConnectionPool pool) => _pool = pool;

    public async Task<int> OpenOrdersAsync()
    {
        using var uow = new UnitOfWork(_pool);
        var repository = new OrderRepository(uow);
        return await repository.CountOpenAsync();
    }
}
