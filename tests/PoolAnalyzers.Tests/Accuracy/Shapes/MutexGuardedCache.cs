// Shape: (negative) a SemaphoreSlim(1, 1) used as a mutex (Wait; try { ... } finally { Release(); }) around a dictionary cache and a List<T> of recent lookups, all in synchronous code; nothing is checked out.
using System;
using System.Collections.Generic;
using System.Threading;

namespace Shapes.MutexGuardedCache;

public sealed class ExchangeRateCache
{
    private readonly SemaphoreSlim _mutex = new SemaphoreSlim(1, 1);
    private readonly Dictionary<string, decimal> _rates = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _recentLookups = new();

    public decimal GetRate(string currency, Func<string, decimal> fetch)
    {
        _mutex.Wait();
        try
        {
            if (!_rates.TryGetValue(currency, out var rate))
            {
                rate = fetch(currency);
                _rates[currency] = rate;
            }

            _recentLookups.Add(currency);
            if (_recentLookups.Count > 100)
                _recentLookups.RemoveRange(0, 50);
            return rate;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public string[] RecentLookups()
    {
        _mutex.Wait();
        try
        {
            return _recentLookups.ToArray();
        }
        finally
        {
            _mutex.Release();
        }
    }

    public void Invalidate()
    {
        _mutex.Wait();
        try
        {
            _rates.Clear();
        }
        finally
        {
            _mutex.Release();
        }
    }
}

public sealed class InvoiceTotals
{
    private readonly ExchangeRateCache _rates;

    public InvoiceTotals(ExchangeRateCache rates) => _rates = rates;

    public decimal ToEuros(decimal amount, string currency) =>
        amount * _rates.GetRate(currency, code => code == "USD" ? 0.92m : 1m);
}
