// Shape: a class that keeps its own BlockingCollection of scratch buffers (taken out, always added back); an async lambda passed to Parallel.ForEachAsync takes directly with Take(token) (POOL003), a synchronous batch method takes the same way (not reported).
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindResizeBuffersParallelForEach;

public sealed class ScratchBuffer
{
    public byte[] Bytes { get; } = new byte[1 << 20];
}

public sealed class ImageResizer
{
    private readonly BlockingCollection<ScratchBuffer> _buffers;

    public ImageResizer(int parallelism)
    {
        _buffers = {|POOL001:new BlockingCollection<ScratchBuffer>(new ConcurrentQueue<ScratchBuffer>())|};
        for (var i = 0; i < parallelism; i++)
            _buffers.Add(new ScratchBuffer());
    }

    public async Task ResizeAllAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(paths, options, async (path, ct) =>
        {
            var buffer = {|POOL003:_buffers.Take(ct)|};
            try
            {
                await ResizeIntoAsync(path, buffer, ct);
            }
            finally
            {
                _buffers.Add(buffer);
            }
        });
    }

    public void ResizeAll(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var buffer = _buffers.Take();
            try
            {
                Resize(path, buffer);
            }
            finally
            {
                _buffers.Add(buffer);
            }
        }
    }

    private static Task ResizeIntoAsync(string path, ScratchBuffer buffer, CancellationToken ct) => Task.Delay(1, ct);

    private static void Resize(string path, ScratchBuffer buffer) => Array.Clear(buffer.Bytes);
}
