// Shape: (negative) a MemoryStream pool over a ConcurrentBag with no gate: Rent() is TryTake or new, Return() resets and adds back unless the bag is full; async handlers and an async lambda rent and return; nothing ever waits.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Shapes.BlindConcurrentBagStreamPool;

public sealed class MemoryStreamPool
{
    private readonly ConcurrentBag<MemoryStream> _streams = new();
    private readonly int _maxRetained;

    public MemoryStreamPool(int maxRetained) => _maxRetained = maxRetained;

    public MemoryStream Rent() => _streams.TryTake(out var stream) ? stream : new MemoryStream(4096);

    public void Return(MemoryStream stream)
    {
        if (_streams.Count >= _maxRetained)
        {
            stream.Dispose();
            return;
        }

        stream.SetLength(0);
        _streams.Add(stream);
    }
}

public sealed class JsonResponseWriter
{
    private readonly MemoryStreamPool _pool;

    public JsonResponseWriter(MemoryStreamPool pool) => _pool = pool;

    public async Task<byte[]> SerializeAsync(string json)
    {
        var buffer = _pool.Rent();
        try
        {
            await buffer.WriteAsync(Encoding.UTF8.GetBytes(json));
            return buffer.ToArray();
        }
        finally
        {
            _pool.Return(buffer);
        }
    }

    public async Task<int> SerializeManyAsync(IEnumerable<string> documents)
    {
        var sizes = await Task.WhenAll(documents.Select(async doc =>
        {
            var buffer = _pool.Rent();
            try
            {
                await buffer.WriteAsync(Encoding.UTF8.GetBytes(doc));
                return (int)buffer.Length;
            }
            finally
            {
                _pool.Return(buffer);
            }
        }));
        return sizes.Sum();
    }
}
