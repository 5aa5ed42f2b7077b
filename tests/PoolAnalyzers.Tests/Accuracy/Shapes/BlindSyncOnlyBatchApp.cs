// Shape: a synchronous-only batch app: a gated pool (SemaphoreSlim.Wait over a ConcurrentQueue) used from Parallel.For bodies and a plain loop; POOL001 at the pool's wait, nothing at the synchronous callers and no POOL003 anywhere.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindSyncOnlyBatchApp;

public sealed class GeocoderSession
{
    public (double Lat, double Lon) Resolve(string address) => (address.Length, -address.Length);
}

public sealed class GeocoderPool
{
    private readonly ConcurrentQueue<GeocoderSession> _sessions = new();
    private readonly SemaphoreSlim _gate;

    public GeocoderPool(int size)
    {
        _gate = new SemaphoreSlim(size, size);
        for (var i = 0; i < size; i++)
            _sessions.Enqueue(new GeocoderSession());
    }

    public GeocoderSession Rent()
    {
        {|POOL001:_gate.Wait()|};
        _sessions.TryDequeue(out var session);
        return session!;
    }

    public void Return(GeocoderSession session)
    {
        _sessions.Enqueue(session);
        _gate.Release();
    }
}

public static class GeocodeBatch
{
    public static int Run(string[] args)
    {
        var pool = new GeocoderPool(4);
        var results = new ConcurrentDictionary<string, (double, double)>();

        Parallel.For(0, args.Length, i =>
        {
            var session = pool.Rent();
            try { results[args[i]] = session.Resolve(args[i]); }
            finally { pool.Return(session); }
        });

        foreach (var retry in RetryList(args))
        {
            var session = pool.Rent();
            try { results[retry] = session.Resolve(retry); }
            finally { pool.Return(session); }
        }

        Console.WriteLine($"{results.Count} addresses geocoded");
        return 0;
    }

    private static IEnumerable<string> RetryList(string[] args)
    {
        foreach (var a in args)
            if (a.Length > 64)
                yield return a;
    }
}
