// Shape: an HttpClientPool with async checkouts GetClientAsync()/LeaseAsync() (WaitAsync on its gate); async code blocks on them with .Result and .GetAwaiter().GetResult() (POOL002); .Result after await Task.WhenAll(...) and after await of the same task, and .Result in a synchronous method, are not reported.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindBlockedCheckoutTasks;

public sealed class ApiHttpClient
{
    public Task<string> GetStringAsync(string url) => Task.FromResult(url);
}

public sealed class HttpClientPool
{
    private readonly ConcurrentQueue<ApiHttpClient> _idle = new();
    private readonly SemaphoreSlim _gate = new(16, 16);

    public async Task<ApiHttpClient> GetClientAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        return _idle.TryDequeue(out var client) ? client : new ApiHttpClient();
    }

    public Task<ApiHttpClient> LeaseAsync() => GetClientAsync();

    public void Surrender(ApiHttpClient client)
    {
        _idle.Enqueue(client);
        _gate.Release();
    }
}

public sealed class WeatherGateway
{
    private readonly HttpClientPool _pool;

    public WeatherGateway(HttpClientPool pool) => _pool = pool;

    public async Task<string> CurrentAsync(string city)
    {
        var client = {|POOL002:_pool.GetClientAsync().Result|};
        try { return await client.GetStringAsync($"/weather/{city}"); }
        finally { _pool.Surrender(client); }
    }

    public async Task<string> ForecastAsync(string city, CancellationToken cancellationToken)
    {
        var client = {|POOL002:_pool.LeaseAsync().GetAwaiter().GetResult()|};
        try { return await client.GetStringAsync($"/forecast/{city}"); }
        finally { _pool.Surrender(client); }
    }

    public async Task<string> CompareAsync(string a, string b)
    {
        var first = _pool.GetClientAsync();
        var second = _pool.GetClientAsync();
        await Task.WhenAll(first, second);
        try
        {
            var left = await first.Result.GetStringAsync($"/weather/{a}");
            var right = await second.Result.GetStringAsync($"/weather/{b}");
            return left + " vs " + right;
        }
        finally
        {
            _pool.Surrender(first.Result);
            _pool.Surrender(second.Result);
        }
    }

    public async Task<string> AlertsAsync(string city)
    {
        var pending = _pool.LeaseAsync();
        await pending;
        var client = pending.Result;
        try { return await client.GetStringAsync($"/alerts/{city}"); }
        finally { _pool.Surrender(client); }
    }

    public string CurrentBlocking(string city)
    {
        var client = _pool.GetClientAsync().Result;
        try { return client.GetStringAsync($"/weather/{city}").Result; }
        finally { _pool.Surrender(client); }
    }
}
