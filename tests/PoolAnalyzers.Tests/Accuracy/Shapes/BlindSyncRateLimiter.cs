// Shape: (negative) a rate limiter SemaphoreSlim(n) whose Wait and Release sit in the same synchronous method around a call to a shared client (Execute<T>(Func<T>)); it guards no pooled items and there is no async caller.
using System;
using System.Collections.Generic;
using System.Threading;

namespace Shapes.BlindSyncRateLimiter;

public sealed class GeocodingApi
{
    public string ReverseLookup(double lat, double lon) => $"{lat:F3},{lon:F3}";
}

public sealed class ConcurrencyLimiter : IDisposable
{
    private readonly SemaphoreSlim _permits;
    private readonly TimeSpan _maxWait;

    public ConcurrencyLimiter(int maxConcurrent, TimeSpan maxWait)
    {
        _permits = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _maxWait = maxWait;
    }

    public T Execute<T>(Func<T> action)
    {
        if (!_permits.Wait(_maxWait))
            throw new InvalidOperationException("Rate limit: too many concurrent calls.");
        try
        {
            return action();
        }
        finally
        {
            _permits.Release();
        }
    }

    public void Dispose() => _permits.Dispose();
}

public sealed class AddressEnricher
{
    private readonly GeocodingApi _api = new();
    private readonly ConcurrencyLimiter _limiter = new(3, TimeSpan.FromSeconds(5));

    public IReadOnlyList<string> Enrich(IEnumerable<(double Lat, double Lon)> points)
    {
        var addresses = new List<string>();
        foreach (var (lat, lon) in points)
            addresses.Add(_limiter.Execute(() => _api.ReverseLookup(lat, lon)));
        return addresses;
    }

    public string EnrichOne(double lat, double lon) => _limiter.Execute(() => _api.ReverseLookup(lat, lon));
}
