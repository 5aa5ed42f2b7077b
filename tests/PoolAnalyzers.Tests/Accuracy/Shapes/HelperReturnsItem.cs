// Shape: gated pool (SemaphoreSlim.Wait with a token + ConcurrentQueue) where the take is in a private helper that returns the item; an async client calls the synchronous Checkout().
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.HelperReturnsItem;

public sealed class GrpcChannel
{
    public GrpcChannel(string target) => Target = target;

    public string Target { get; }

    public Task<string> CallAsync(string method, string payload) => Task.FromResult(payload);
}

public sealed class GrpcChannelPool
{
    private readonly ConcurrentQueue<GrpcChannel> _idle = new();
    private readonly SemaphoreSlim _available;

    public GrpcChannelPool(string target, int size)
    {
        _available = new SemaphoreSlim(size, size);
        for (var i = 0; i < size; i++)
            _idle.Enqueue(new GrpcChannel(target));
    }

    public GrpcChannel Checkout(CancellationToken cancellationToken = default)
    {
        {|POOL001:_available.Wait(cancellationToken)|};
        return DequeueIdle();
    }

    public void Checkin(GrpcChannel channel)
    {
        _idle.Enqueue(channel);
        _available.Release();
    }

    private GrpcChannel DequeueIdle()
    {
        if (_idle.TryDequeue(out var channel))
            return channel;
        throw new InvalidOperationException("The semaphore and the idle queue are out of sync.");
    }
}

public sealed class InventoryClient
{
    private readonly GrpcChannelPool _channels;

    public InventoryClient(GrpcChannelPool channels) => _channels = channels;

    public async Task<string> GetStockAsync(string sku, CancellationToken cancellationToken)
    {
        var channel = {|POOL003:_channels.Checkout(cancellationToken)|};
        try
        {
            return await channel.CallAsync("inventory.Stock/Get", sku);
        }
        finally
        {
            _channels.Checkin(channel);
        }
    }
}
