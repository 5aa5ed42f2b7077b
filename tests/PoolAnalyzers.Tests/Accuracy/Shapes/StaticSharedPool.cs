// Shape: a static singleton pool reached as ConnectionPool.Shared.Rent() and through a static helper Db.Open(); the pool is gated by SemaphoreSlim.Wait() over a ConcurrentBag with connections created on demand; async code calls both.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.StaticSharedPool;

public sealed class SqliteConnection : IDisposable
{
    public Task<long> ScalarAsync(string sql) => Task.FromResult(0L);

    public void Dispose() { }
}

public sealed class ConnectionPool
{
    private readonly ConcurrentBag<SqliteConnection> _idle = new();
    private readonly SemaphoreSlim _gate;

    private ConnectionPool(int maxSize) => _gate = new SemaphoreSlim(maxSize, maxSize);

    public static ConnectionPool Shared { get; } = new ConnectionPool(maxSize: 10);

    public SqliteConnection Rent()
    {
        {|POOL001:_gate.Wait()|};
        return _idle.TryTake(out var connection) ? connection : new SqliteConnection();
    }

    public void Return(SqliteConnection connection)
    {
        _idle.Add(connection);
        _gate.Release();
    }
}

public static class Db
{
    public static SqliteConnection Open() => ConnectionPool.Shared.Rent();

    public static void Close(SqliteConnection connection) => ConnectionPool.Shared.Return(connection);
}

public sealed class StatsEndpoint
{
    public async Task<long> CountVisitsAsync()
    {
        var connection = {|POOL003:ConnectionPool.Shared.Rent()|};
        try
        {
            return await connection.ScalarAsync("SELECT COUNT(*) FROM visits");
        }
        finally
        {
            ConnectionPool.Shared.Return(connection);
        }
    }

    public async Task<long> CountErrorsAsync()
    {
        var connection = {|POOL003:Db.Open()|};
        try
        {
            return await connection.ScalarAsync("SELECT COUNT(*) FROM errors");
        }
        finally
        {
            Db.Close(connection);
        }
    }
}
