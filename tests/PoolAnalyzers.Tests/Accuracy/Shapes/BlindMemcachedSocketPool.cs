// Shape: Enyim-style memcached socket pool: BlockingCollection<PooledSocket> over a ConcurrentStack created in the constructor, Acquire() waits with TryTake(out s, timeout), PooledSocket.Dispose() releases back to the pool; async ValueTask methods of a cache client call Acquire() through the node (node.Pool.Acquire()).
using System;
using System.Collections.Concurrent;
using System.Text;
using System.Threading.Tasks;

namespace Shapes.BlindMemcachedSocketPool;

public sealed class PooledSocket : IDisposable
{
    private readonly SocketPool _owner;

    internal PooledSocket(SocketPool owner) => _owner = owner;

    public ValueTask<byte[]?> GetAsync(string key) => ValueTask.FromResult<byte[]?>(null);

    public ValueTask StoreAsync(string key, byte[] value) => ValueTask.CompletedTask;

    public void Dispose() => _owner.Release(this);
}

public sealed class SocketPool
{
    private readonly BlockingCollection<PooledSocket> _sockets;
    private readonly TimeSpan _queueTimeout;

    public SocketPool(int maxSockets, TimeSpan queueTimeout)
    {
        _queueTimeout = queueTimeout;
        _sockets = {|POOL001:new BlockingCollection<PooledSocket>(new ConcurrentStack<PooledSocket>(), maxSockets)|};
        for (var i = 0; i < maxSockets; i++)
            _sockets.Add(new PooledSocket(this));
    }

    public PooledSocket Acquire()
    {
        if (_sockets.TryTake(out var socket, _queueTimeout))
            return socket;
        throw new TimeoutException("Memcached socket pool is exhausted.");
    }

    internal void Release(PooledSocket socket) => _sockets.Add(socket);
}

public sealed class MemcachedNode
{
    public MemcachedNode(SocketPool pool) => Pool = pool;

    public SocketPool Pool { get; }
}

public sealed class MemcachedClient
{
    private readonly MemcachedNode _node;

    public MemcachedClient(MemcachedNode node) => _node = node;

    public async ValueTask<string?> GetStringAsync(string key)
    {
        using var socket = {|POOL003:_node.Pool.Acquire()|};
        var bytes = await socket.GetAsync(key);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    public async ValueTask SetStringAsync(string key, string value)
    {
        using var socket = {|POOL003:_node.Pool.Acquire()|};
        await socket.StoreAsync(key, Encoding.UTF8.GetBytes(value));
    }
}
