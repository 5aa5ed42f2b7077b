// Shape: async code checks out through an extension method (channels.Borrow()) that calls the pool's blocking Take() over a BlockingCollection pre-filled from a Func<T> factory.
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Shapes.ExtensionMethodCheckout;

public sealed class MqChannel
{
    public Task PublishAsync(string exchange, string body) => Task.CompletedTask;
}

public sealed class ChannelPool
{
    private readonly BlockingCollection<MqChannel> _channels;

    public ChannelPool(int size, Func<MqChannel> open)
    {
        _channels = {|POOL001:new BlockingCollection<MqChannel>(size)|};
        for (var i = 0; i < size; i++)
            _channels.Add(open());
    }

    internal MqChannel Take() => _channels.Take();

    internal void Put(MqChannel channel) => _channels.Add(channel);
}

public static class ChannelPoolExtensions
{
    public static MqChannel Borrow(this ChannelPool pool) => pool.Take();

    public static void GiveBack(this ChannelPool pool, MqChannel channel) => pool.Put(channel);
}

public sealed class OrderEventsPublisher
{
    private readonly ChannelPool _channels;

    public OrderEventsPublisher(ChannelPool channels) => _channels = channels;

    public async Task PublishOrderPlacedAsync(int orderId)
    {
        var channel = {|POOL003:_channels.Borrow()|};
        try
        {
            await channel.PublishAsync("orders", $"placed:{orderId}");
        }
        finally
        {
            _channels.GiveBack(channel);
        }
    }
}
