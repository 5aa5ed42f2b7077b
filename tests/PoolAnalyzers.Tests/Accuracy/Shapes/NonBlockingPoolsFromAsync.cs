// Shape: (negative) pools that never wait: a ConcurrentBag buffer pool that creates on demand (TryTake or new) and a license pool whose TryRent only polls its gate with Wait(0); async callers of both get nothing.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.NonBlockingPoolsFromAsync;

public sealed class SerializerBuffer
{
    public List<string> Parts { get; } = new();
}

public sealed class BufferPool
{
    private readonly ConcurrentBag<SerializerBuffer> _buffers = new();

    public SerializerBuffer Rent() => _buffers.TryTake(out var buffer) ? buffer : new SerializerBuffer();

    public void Return(SerializerBuffer buffer)
    {
        buffer.Parts.Clear();
        _buffers.Add(buffer);
    }
}

public sealed record LicenseToken(int Seat);

public sealed class LicensePool
{
    private readonly SemaphoreSlim _gate = new(3, 3);
    private readonly ConcurrentQueue<LicenseToken> _tokens = new();

    public LicensePool()
    {
        for (var seat = 1; seat <= 3; seat++)
            _tokens.Enqueue(new LicenseToken(seat));
    }

    public bool TryRent(out LicenseToken token)
    {
        token = null!;
        if (!_gate.Wait(0))
            return false; // no seat free right now; the caller reports "busy"
        _tokens.TryDequeue(out token);
        return true;
    }

    public void Return(LicenseToken token)
    {
        _tokens.Enqueue(token);
        _gate.Release();
    }
}

public sealed class ExportController
{
    private readonly BufferPool _buffers = new();
    private readonly LicensePool _licenses = new();

    public async Task<string> ExportAsync(IEnumerable<string> rows)
    {
        if (!_licenses.TryRent(out var license))
            return "busy";

        var buffer = _buffers.Rent();
        try
        {
            foreach (var row in rows)
                buffer.Parts.Add(row.Trim());
            await Task.Delay(1);
            return $"seat {license.Seat}: " + string.Join(",", buffer.Parts);
        }
        finally
        {
            _buffers.Return(buffer);
            _licenses.Return(license);
        }
    }
}
