// Shape: a pool behind an IConnectionFactory interface with exactly one implementation: PooledConnectionFactory.CreateConnection() waits on a SemaphoreSlim(timeout) and takes from a ConcurrentBag or opens a new connection; PooledDbConnection.Dispose() returns it; async query classes call the interface.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindConnectionFactoryInterface;

public interface IConnectionFactory
{
    PooledDbConnection CreateConnection();
}

public sealed class PooledDbConnection : IDisposable
{
    private readonly PooledConnectionFactory _owner;

    internal PooledDbConnection(PooledConnectionFactory owner) => _owner = owner;

    public Task<IReadOnlyList<string>> QueryAsync(string sql) => Task.FromResult<IReadOnlyList<string>>(Array.Empty<string>());

    public void Dispose() => _owner.Return(this);
}

public sealed class PooledConnectionFactory : IConnectionFactory
{
    private readonly ConcurrentBag<PooledDbConnection> _idle = new();
    private readonly SemaphoreSlim _semaphore;
    private readonly TimeSpan _timeout;

    public PooledConnectionFactory(int maxConnections, TimeSpan timeout)
    {
        _semaphore = new SemaphoreSlim(maxConnections, maxConnections);
        _timeout = timeout;
    }

    public PooledDbConnection CreateConnection()
    {
        if (!{|POOL001:_semaphore.Wait(_timeout)|})
            throw new TimeoutException("Timed out waiting for a pooled connection.");
        return _idle.TryTake(out var connection) ? connection : new PooledDbConnection(this);
    }

    internal void Return(PooledDbConnection connection)
    {
        _idle.Add(connection);
        _semaphore.Release();
    }
}

public sealed class InvoiceQueries
{
    private readonly IConnectionFactory _connectionFactory;

    public InvoiceQueries(IConnectionFactory connectionFactory) => _connectionFactory = connectionFactory;

    public async Task<IReadOnlyList<string>> UnpaidAsync()
    {
        using var connection = {|POOL003:_connectionFactory.CreateConnection()|};
        return await connection.QueryAsync("SELECT number FROM invoices WHERE paid = 0");
    }

    public async Task<IReadOnlyList<string>> ByCustomerAsync(string customer)
    {
        using (var connection = {|POOL003:_connectionFactory.CreateConnection()|})
        {
            return await connection.QueryAsync($"SELECT number FROM invoices WHERE customer = '{customer}'");
        }
    }
}
