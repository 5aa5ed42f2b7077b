// Shape: the item put back is a field, not the local taken: UnitOfWork.Begin() stores the connection rented from a SemaphoreSlim-gated ConcurrentBag pool (created on demand), Dispose() returns it; async code calls Begin() (Begin -> Rent -> Wait).
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.UnitOfWorkHoldsConnection;

public sealed class OracleConnection
{
    public Task<int> ExecuteAsync(string sql) => Task.FromResult(1);
}

public sealed class OracleConnectionPool
{
    private readonly ConcurrentBag<OracleConnection> _idle = new();
    private readonly SemaphoreSlim _limit = new(20, 20);

    public OracleConnection Rent()
    {
        {|POOL001:_limit.Wait()|};
        return _idle.TryTake(out var connection) ? connection : new OracleConnection();
    }

    public void Return(OracleConnection connection)
    {
        _idle.Add(connection);
        _limit.Release();
    }
}

public sealed class UnitOfWork : IDisposable
{
    private readonly OracleConnectionPool _pool;
    private OracleConnection? _connection;

    public UnitOfWork(OracleConnectionPool pool) => _pool = pool;

    public void Begin() => _connection = _pool.Rent();

    public Task<int> ExecuteAsync(string sql) =>
        (_connection ?? throw new InvalidOperationException("Begin() was not called.")).ExecuteAsync(sql);

    public void Dispose()
    {
        if (_connection is not null)
        {
            _pool.Return(_connection);
            _connection = null;
        }
    }
}

public sealed class TransferHandler
{
    private readonly OracleConnectionPool _pool;

    public TransferHandler(OracleConnectionPool pool) => _pool = pool;

    public async Task TransferAsync(int fromAccount, int toAccount, decimal amount)
    {
        using var work = new UnitOfWork(_pool);
        {|POOL003:work.Begin()|};
        await work.ExecuteAsync($"UPDATE accounts SET balance = balance - {amount} WHERE id = {fromAccount}");
        await work.ExecuteAsync($"UPDATE accounts SET balance = balance + {amount} WHERE id = {toAccount}");
    }
}
