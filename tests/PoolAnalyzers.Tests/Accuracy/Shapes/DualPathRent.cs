// Shape: (negative) dual-path checkout async ValueTask<T> RentCore(bool async, ct) { if (async) await _gate.WaitAsync(ct); else _gate.Wait(ct); ... }: the synchronous branch is not reported, async callers await RentAsync, the legacy synchronous caller uses Rent().
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.DualPathRent;

public sealed class NpgConnector
{
    public Task<int> ExecuteAsync(string sql) => Task.FromResult(0);

    public int Execute(string sql) => 0;
}

public sealed class ConnectorPool
{
    private readonly ConcurrentQueue<NpgConnector> _idle = new();
    private readonly SemaphoreSlim _gate;

    public ConnectorPool(int maxPoolSize) => _gate = new SemaphoreSlim(maxPoolSize, maxPoolSize);

    // The synchronous path never yields, so the ValueTask is already complete here.
    public NpgConnector Rent(CancellationToken cancellationToken = default) =>
        RentCore(async: false, cancellationToken).GetAwaiter().GetResult();

    public ValueTask<NpgConnector> RentAsync(CancellationToken cancellationToken = default) =>
        RentCore(async: true, cancellationToken);

    public void Return(NpgConnector connector)
    {
        _idle.Enqueue(connector);
        _gate.Release();
    }

    private async ValueTask<NpgConnector> RentCore(bool async, CancellationToken cancellationToken)
    {
        if (async)
            await _gate.WaitAsync(cancellationToken);
        else
            _gate.Wait(cancellationToken);

        return _idle.TryDequeue(out var connector) ? connector : new NpgConnector();
    }
}

public sealed class ReportRepository
{
    private readonly ConnectorPool _pool;

    public ReportRepository(ConnectorPool pool) => _pool = pool;

    public async Task<int> CountReportsAsync(CancellationToken cancellationToken)
    {
        var connector = await _pool.RentAsync(cancellationToken);
        try
        {
            return await connector.ExecuteAsync("SELECT count(*) FROM reports");
        }
        finally
        {
            _pool.Return(connector);
        }
    }

    // Called by the legacy synchronous export tool.
    public int CountReports()
    {
        var connector = _pool.Rent();
        try
        {
            return connector.Execute("SELECT count(*) FROM reports");
        }
        finally
        {
            _pool.Return(connector);
        }
    }
}
