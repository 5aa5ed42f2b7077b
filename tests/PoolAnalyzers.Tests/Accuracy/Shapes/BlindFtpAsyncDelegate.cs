// Shape: FTP client pool over a LinkedList<T> under lock, gated by a Semaphore field waited with WaitOne() (no timeout); Checkout()/Checkin(); the blocking Checkout() is called from an async lambda stored in a Func<string, Task> and from a synchronous Action (not reported).
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindFtpAsyncDelegate;

public sealed class FtpClient
{
    public Task DownloadAsync(string remotePath, string localPath) => Task.CompletedTask;

    public void Delete(string remotePath) { }
}

public sealed class FtpClientPool
{
    private readonly LinkedList<FtpClient> _clients = new();
    private readonly Semaphore _clientsAvailable;

    public FtpClientPool(int size)
    {
        _clientsAvailable = new Semaphore(size, size);
        for (var i = 0; i < size; i++)
            _clients.AddLast(new FtpClient());
    }

    public FtpClient Checkout()
    {
        {|POOL001:_clientsAvailable.WaitOne()|};
        lock (_clients)
        {
            var node = _clients.First!;
            _clients.Remove(node);
            return node.Value;
        }
    }

    public void Checkin(FtpClient client)
    {
        lock (_clients)
            _clients.AddLast(client);
        _clientsAvailable.Release();
    }
}

public sealed class InboxFetcher
{
    private readonly FtpClientPool _pool;

    public InboxFetcher(FtpClientPool pool) => _pool = pool;

    public async Task FetchAsync(IEnumerable<string> remoteFiles)
    {
        Func<string, Task> download = async remote =>
        {
            var client = {|POOL003:_pool.Checkout()|};
            try
            {
                await client.DownloadAsync(remote, "/inbox/" + remote);
            }
            finally
            {
                _pool.Checkin(client);
            }
        };

        Action<string> cleanup = remote =>
        {
            var client = _pool.Checkout();
            try { client.Delete(remote); }
            finally { _pool.Checkin(client); }
        };

        var files = remoteFiles.ToList();
        await Task.WhenAll(files.Select(download));
        files.ForEach(cleanup);
    }
}
