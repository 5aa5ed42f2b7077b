// Shape: (negative) .Result on checkout tasks that were already awaited, with await Task.WhenAll(first, second) and with await pending; no diagnostics anywhere.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.AwaitedCheckoutResult;

public sealed class ApiClient
{
    public Task<string> GetAsync(string path) => Task.FromResult(path);
}

public sealed class ApiClientPool
{
    private readonly ConcurrentQueue<ApiClient> _idle = new();
    private readonly SemaphoreSlim _gate = new(4, 4);

    public async Task<ApiClient> AcquireAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        return _idle.TryDequeue(out var client) ? client : new ApiClient();
    }

    public void Release(ApiClient client)
    {
        _idle.Enqueue(client);
        _gate.Release();
    }
}

public sealed class DashboardLoader
{
    private readonly ApiClientPool _pool;

    public DashboardLoader(ApiClientPool pool) => _pool = pool;

    public async Task<string> LoadAsync()
    {
        var first = _pool.AcquireAsync();
        var second = _pool.AcquireAsync();
        await Task.WhenAll(first, second);

        var orders = first.Result;
        var alerts = second.Result;
        try
        {
            var parts = await Task.WhenAll(orders.GetAsync("/orders"), alerts.GetAsync("/alerts"));
            return string.Join(Environment.NewLine, parts);
        }
        finally
        {
            _pool.Release(orders);
            _pool.Release(alerts);
        }
    }

    public async Task<string> LoadProfileAsync(string user)
    {
        var pending = _pool.AcquireAsync();
        await pending;

        var client = pending.Result;
        try
        {
            return await client.GetAsync($"/users/{user}");
        }
        finally
        {
            _pool.Release(client);
        }
    }
}
