// Shape: per-host pools built in the constructor loop (a Dictionary<string, BlockingCollection<T>>, one new BlockingCollection per host) with Take/Add through the indexer; async code calls the synchronous Borrow(host) (POOL003) and a synchronous warm-up loop does too (not reported).
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shapes.BlindPerHostPoolsDictionary;

public sealed class AmqpChannel
{
    public AmqpChannel(string host) => Host = host;

    public string Host { get; }

    public Task PublishAsync(string exchange, byte[] body) => Task.CompletedTask;

    public void Ping() { }
}

public sealed class AmqpChannelPools
{
    private readonly Dictionary<string, BlockingCollection<AmqpChannel>> _byHost = new();

    public AmqpChannelPools(IEnumerable<string> hosts, int channelsPerHost)
    {
        foreach (var host in hosts)
        {
            var channels = {|POOL001:new BlockingCollection<AmqpChannel>(channelsPerHost)|};
            for (var i = 0; i < channelsPerHost; i++)
                channels.Add(new AmqpChannel(host));
            _byHost[host] = channels;
        }
    }

    public IEnumerable<string> Hosts => _byHost.Keys;

    public AmqpChannel Borrow(string host) => _byHost[host].Take();

    public void Return(AmqpChannel channel) => _byHost[channel.Host].Add(channel);
}

public sealed class EventPublisher
{
    private readonly AmqpChannelPools _pools;

    public EventPublisher(AmqpChannelPools pools) => _pools = pools;

    public async Task PublishAsync(string host, string exchange, byte[] body)
    {
        var channel = {|POOL003:_pools.Borrow(host)|};
        try
        {
            await channel.PublishAsync(exchange, body);
        }
        finally
        {
            _pools.Return(channel);
        }
    }

    public void WarmUp()
    {
        foreach (var host in _pools.Hosts)
        {
            var channel = _pools.Borrow(host);
            channel.Ping();
            _pools.Return(channel);
        }
    }
}
