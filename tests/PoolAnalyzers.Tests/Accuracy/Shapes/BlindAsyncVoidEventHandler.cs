// Shape: a Mongo-style connection pool: List<T> of idle connections under lock, a SemaphoreSlim wait queue (CheckOut(token) waits with Wait(timeout, token)), CheckIn(); an async void timer/event handler calls CheckOut (POOL003), a synchronous event handler does too (not reported).
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindAsyncVoidEventHandler;

public sealed class MongoConnection
{
    public Task<long> CountAsync(string collection) => Task.FromResult(0L);

    public long Count(string collection) => 0;
}

public sealed class MongoConnectionPool
{
    private readonly List<MongoConnection> _available = new();
    private readonly SemaphoreSlim _waitQueue;
    private readonly TimeSpan _waitQueueTimeout = TimeSpan.FromSeconds(2);

    public MongoConnectionPool(int maxSize)
    {
        _waitQueue = new SemaphoreSlim(maxSize, maxSize);
    }

    public MongoConnection CheckOut(CancellationToken cancellationToken)
    {
        if (!{|POOL001:_waitQueue.Wait(_waitQueueTimeout, cancellationToken)|})
            throw new TimeoutException("Timed out waiting in the connection wait queue.");

        lock (_available)
        {
            if (_available.Count == 0)
                return new MongoConnection();
            var connection = _available[0];
            _available.RemoveAt(0);
            return connection;
        }
    }

    public void CheckIn(MongoConnection connection)
    {
        lock (_available)
            _available.Add(connection);
        _waitQueue.Release();
    }
}

public sealed class CollectionStatsPanel
{
    private readonly MongoConnectionPool _pool;

    public CollectionStatsPanel(MongoConnectionPool pool) => _pool = pool;

    public long LastCount { get; private set; }

    public async void OnRefreshTimerElapsed(object? sender, EventArgs e)
    {
        var connection = {|POOL003:_pool.CheckOut(CancellationToken.None)|};
        try
        {
            LastCount = await connection.CountAsync("orders");
        }
        finally
        {
            _pool.CheckIn(connection);
        }
    }

    public void OnRefreshClicked(object? sender, EventArgs e)
    {
        var connection = _pool.CheckOut(CancellationToken.None);
        try
        {
            LastCount = connection.Count("orders");
        }
        finally
        {
            _pool.CheckIn(connection);
        }
    }
}
