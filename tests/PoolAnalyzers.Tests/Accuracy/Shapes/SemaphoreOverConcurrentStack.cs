// Shape: gated pool using a System.Threading.Semaphore (WaitOne with a timeout) over a ConcurrentStack pre-filled in the constructor, the pop in a helper; an async lambda passed to Parallel.ForEachAsync calls the synchronous Acquire().
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.SemaphoreOverConcurrentStack;

public sealed class FtpClient
{
    public Task UploadAsync(string path, byte[] content) => Task.CompletedTask;
}

public sealed class FtpClientPool : IDisposable
{
    private readonly ConcurrentStack<FtpClient> _clients = new();
    private readonly Semaphore _free;

    public FtpClientPool(int size)
    {
        _free = new Semaphore(size, size);
        for (var i = 0; i < size; i++)
            _clients.Push(new FtpClient());
    }

    public FtpClient Acquire()
    {
        if (!{|POOL001:_free.WaitOne(TimeSpan.FromSeconds(10))|})
            throw new TimeoutException("FTP pool exhausted.");
        return PopClient();
    }

    public void Release(FtpClient client)
    {
        _clients.Push(client);
        _free.Release();
    }

    public void Dispose() => _free.Dispose();

    private FtpClient PopClient()
    {
        _clients.TryPop(out var client);
        return client!;
    }
}

public sealed class ExportUploader
{
    private readonly FtpClientPool _pool;

    public ExportUploader(FtpClientPool pool) => _pool = pool;

    public async Task UploadAllAsync(IReadOnlyDictionary<string, byte[]> files)
    {
        await Parallel.ForEachAsync(files, async (file, cancellationToken) =>
        {
            var client = {|POOL003:_pool.Acquire()|};
            try
            {
                await client.UploadAsync(file.Key, file.Value);
            }
            finally
            {
                _pool.Release(client);
            }
        });
    }
}
