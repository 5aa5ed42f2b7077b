// Shape: a gated Stack<T> pool with both a synchronous Acquire() (SemaphoreSlim.Wait) and an AcquireAsync() (WaitAsync); ASP.NET-style middleware blocks on AcquireAsync().GetAwaiter().GetResult(), an async handler calls Acquire(), another handler awaits AcquireAsync() correctly.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindMiddlewareAndHandlers;

public sealed class RequestContext
{
    public IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>();
}

public sealed class GeoIpReader
{
    public Task<string> CountryAsync(string ip) => Task.FromResult("NL");
}

public sealed class GeoIpReaderPool
{
    private readonly Stack<GeoIpReader> _readers = new();
    private readonly SemaphoreSlim _gate;

    public GeoIpReaderPool(int size)
    {
        _gate = new SemaphoreSlim(size, size);
        for (var i = 0; i < size; i++)
            _readers.Push(new GeoIpReader());
    }

    public GeoIpReader Acquire()
    {
        {|POOL001:_gate.Wait()|};
        lock (_readers)
            return _readers.Pop();
    }

    public async Task<GeoIpReader> AcquireAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        lock (_readers)
            return _readers.Pop();
    }

    public void Release(GeoIpReader reader)
    {
        lock (_readers)
            _readers.Push(reader);
        _gate.Release();
    }
}

public sealed class GeoTaggingMiddleware
{
    private readonly Func<RequestContext, Task> _next;
    private readonly GeoIpReaderPool _pool;

    public GeoTaggingMiddleware(Func<RequestContext, Task> next, GeoIpReaderPool pool)
    {
        _next = next;
        _pool = pool;
    }

    public async Task InvokeAsync(RequestContext context)
    {
        var reader = {|POOL002:_pool.AcquireAsync().GetAwaiter().GetResult()|};
        try
        {
            context.Items["country"] = await reader.CountryAsync("203.0.113.7");
        }
        finally
        {
            _pool.Release(reader);
        }

        await _next(context);
    }
}

public sealed class CountryHandlers
{
    private readonly GeoIpReaderPool _pool;

    public CountryHandlers(GeoIpReaderPool pool) => _pool = pool;

    public async Task<string> GetCountryAsync(string ip)
    {
        var reader = {|POOL003:_pool.Acquire()|};
        try { return await reader.CountryAsync(ip); }
        finally { _pool.Release(reader); }
    }

    public async Task<string> GetCountryProperlyAsync(string ip, CancellationToken cancellationToken)
    {
        var reader = await _pool.AcquireAsync(cancellationToken);
        try { return await reader.CountryAsync(ip); }
        finally { _pool.Release(reader); }
    }
}
