// Shape: async code offloads the blocking take with Task.Run(() => _pool.Take()): the BlockingCollection pool gets POOL001 at its creation, the calls inside the synchronous lambdas get no POOL003; an async lambda passed to Task.Run that calls Rent() still gets POOL003.
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Shapes.TaskRunTakeInAsync;

public sealed class ImageEncoder
{
    public Task<byte[]> EncodeAsync(byte[] pixels) => Task.FromResult(pixels);
}

public sealed class ImageEncoderPool
{
    private readonly BlockingCollection<ImageEncoder> _encoders = {|POOL001:new BlockingCollection<ImageEncoder>(new ConcurrentBag<ImageEncoder>())|};

    public ImageEncoderPool(int count)
    {
        for (var i = 0; i < count; i++)
            _encoders.Add(new ImageEncoder());
    }

    public async Task<byte[]> EncodeAsync(byte[] pixels)
    {
        // Take on a thread-pool thread so that the caller's context is not blocked.
        var encoder = await Task.Run(() => _encoders.Take());
        try
        {
            return await encoder.EncodeAsync(pixels);
        }
        finally
        {
            _encoders.Add(encoder);
        }
    }

    public ImageEncoder Rent() => _encoders.Take();

    public void Return(ImageEncoder encoder) => _encoders.Add(encoder);
}

public sealed class ThumbnailService
{
    private readonly ImageEncoderPool _pool;

    public ThumbnailService(ImageEncoderPool pool) => _pool = pool;

    public async Task<byte[]> CreateAsync(byte[] pixels)
    {
        var encoder = await Task.Run(() => _pool.Rent());
        try
        {
            return await encoder.EncodeAsync(pixels);
        }
        finally
        {
            _pool.Return(encoder);
        }
    }

    public Task<byte[]> CreateInBackgroundAsync(byte[] pixels) =>
        Task.Run(async () =>
        {
            var encoder = {|POOL003:_pool.Rent()|};
            try
            {
                return await encoder.EncodeAsync(pixels);
            }
            finally
            {
                _pool.Return(encoder);
            }
        });
}
