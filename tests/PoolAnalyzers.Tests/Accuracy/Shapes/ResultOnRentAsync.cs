// Shape: async code blocks on the async checkout of an application pool: RentAsync().Result, RentAsync(token).GetAwaiter().GetResult(), and .Result on a local holding a checkout task that was never awaited.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.ResultOnRentAsync;

public sealed class BlobClient
{
    public Task<byte[]> DownloadAsync(string name) => Task.FromResult(Array.Empty<byte>());

    public Task UploadAsync(string name, byte[] content) => Task.CompletedTask;
}

public sealed class BlobClientPool
{
    private readonly ConcurrentBag<BlobClient> _idle = new();
    private readonly SemaphoreSlim _gate = new(8, 8);

    public async Task<BlobClient> RentAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        return _idle.TryTake(out var client) ? client : new BlobClient();
    }

    public void Return(BlobClient client)
    {
        _idle.Add(client);
        _gate.Release();
    }
}

public sealed class AttachmentService
{
    private readonly BlobClientPool _pool;

    public AttachmentService(BlobClientPool pool) => _pool = pool;

    public async Task<byte[]> DownloadAsync(string name)
    {
        var client = {|POOL002:_pool.RentAsync().Result|};
        try
        {
            return await client.DownloadAsync(name);
        }
        finally
        {
            _pool.Return(client);
        }
    }

    public async Task UploadAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        var client = {|POOL002:_pool.RentAsync(cancellationToken).GetAwaiter().GetResult()|};
        try
        {
            await client.UploadAsync(name, content);
        }
        finally
        {
            _pool.Return(client);
        }
    }

    public async Task CopyAsync(string from, string to)
    {
        var pendingSource = _pool.RentAsync();
        var target = await _pool.RentAsync();
        var source = {|POOL002:pendingSource.Result|};
        try
        {
            var bytes = await source.DownloadAsync(from);
            await target.UploadAsync(to, bytes);
        }
        finally
        {
            _pool.Return(source);
            _pool.Return(target);
        }
    }
}
