// Shape: a pool whose async methods block on their own gate's WaitAsync task (.Wait() and .GetAwaiter().GetResult()), and an async handler that blocks on GetConnectionAsync().Result.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.GateWaitAsyncBlocked;

public sealed class MySqlConnection
{
    public Task PingAsync() => Task.CompletedTask;

    public Task<int> ExecuteAsync(string sql) => Task.FromResult(0);
}

public sealed class MySqlConnectionPool
{
    private readonly SemaphoreSlim _gate;
    private readonly ConcurrentStack<MySqlConnection> _idle = new();

    public MySqlConnectionPool(int size)
    {
        _gate = new SemaphoreSlim(size, size);
        for (var i = 0; i < size; i++)
            _idle.Push(new MySqlConnection());
    }

    public async Task<MySqlConnection> GetConnectionAsync(CancellationToken cancellationToken = default)
    {
        // Left over from when this method was synchronous.
        {|POOL002:_gate.WaitAsync(cancellationToken).Wait()|};
        _idle.TryPop(out var connection);
        await connection!.PingAsync();
        return connection;
    }

    public async Task<bool> TryWarmUpAsync(TimeSpan timeout)
    {
        if (!{|POOL002:_gate.WaitAsync(timeout).GetAwaiter().GetResult()|})
            return false;
        try
        {
            if (_idle.TryPeek(out var connection))
                await connection.PingAsync();
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void ReturnConnection(MySqlConnection connection)
    {
        _idle.Push(connection);
        _gate.Release();
    }
}

public sealed class PaymentsHandler
{
    private readonly MySqlConnectionPool _pool;

    public PaymentsHandler(MySqlConnectionPool pool) => _pool = pool;

    public async Task<int> CapturePaymentAsync(int paymentId)
    {
        var connection = {|POOL002:_pool.GetConnectionAsync().Result|};
        try
        {
            return await connection.ExecuteAsync($"UPDATE payments SET captured = 1 WHERE id = {paymentId}");
        }
        finally
        {
            _pool.ReturnConnection(connection);
        }
    }
}
