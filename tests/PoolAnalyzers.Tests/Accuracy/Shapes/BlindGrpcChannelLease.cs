// Shape: gRPC channel pool over a ConcurrentStack whose Lease() loops on TryPop and waits on an AutoResetEvent field (WaitOne(timeout)) signalled by returns; it hands out a ChannelLease struct whose Dispose() gives the channel back; async client code does using var lease = pool.Lease().
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindGrpcChannelLease;

public sealed class GrpcChannel
{
    public Task<string> UnaryCallAsync(string method, string payload) => Task.FromResult(payload);
}

public readonly struct ChannelLease : IDisposable
{
    private readonly GrpcChannelPool _owner;

    public ChannelLease(GrpcChannelPool owner, GrpcChannel channel)
    {
        _owner = owner;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    public void Dispose() => _owner.Return(Channel);
}

public sealed class GrpcChannelPool
{
    private readonly ConcurrentStack<GrpcChannel> _channels = new();
    private readonly AutoResetEvent _channelReturned = new(false);
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(15);

    public GrpcChannelPool(int channels)
    {
        for (var i = 0; i < channels; i++)
            _channels.Push(new GrpcChannel());
    }

    public ChannelLease Lease()
    {
        GrpcChannel? channel;
        while (!_channels.TryPop(out channel))
        {
            if (!{|POOL001:_channelReturned.WaitOne(_timeout)|})
                throw new TimeoutException("No gRPC channel was returned in time.");
        }

        return new ChannelLease(this, channel);
    }

    internal void Return(GrpcChannel channel)
    {
        _channels.Push(channel);
        _channelReturned.Set();
    }
}

public sealed class GreeterClient
{
    private readonly GrpcChannelPool _channels;

    public GreeterClient(GrpcChannelPool channels) => _channels = channels;

    public async Task<string> SayHelloAsync(string name)
    {
        using var lease = {|POOL003:_channels.Lease()|};
        return await lease.Channel.UnaryCallAsync("/greet.Greeter/SayHello", name);
    }

    public async Task<string[]> SayHelloToAllAsync(string[] names)
    {
        var replies = new string[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            using (var lease = {|POOL003:_channels.Lease()|})
            {
                replies[i] = await lease.Channel.UnaryCallAsync("/greet.Greeter/SayHello", names[i]);
            }
        }

        return replies;
    }
}
