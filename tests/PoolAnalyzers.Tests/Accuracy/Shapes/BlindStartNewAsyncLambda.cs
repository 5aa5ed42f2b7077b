// Shape: WCF-style channel pool (Stack<T> under lock, Monitor.Wait(lock, timeout) in a while (true) loop); async code offloads work: the async lambdas passed to Task.Run and Task.Factory.StartNew call Obtain() (POOL003), the synchronous Task.Run lambda does not get reported.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindStartNewAsyncLambda;

public sealed class QuoteServiceChannel
{
    public Task<decimal> GetQuoteAsync(string symbol) => Task.FromResult(1m);

    public decimal GetQuote(string symbol) => 1m;
}

public sealed class ChannelPool
{
    private readonly Stack<QuoteServiceChannel> _channels = new();
    private readonly object _lock = new();

    public ChannelPool(int size)
    {
        for (var i = 0; i < size; i++)
            _channels.Push(new QuoteServiceChannel());
    }

    public QuoteServiceChannel Obtain()
    {
        lock (_lock)
        {
            while (true)
            {
                if (_channels.TryPop(out var channel))
                    return channel;
                if (!{|POOL001:Monitor.Wait(_lock, TimeSpan.FromSeconds(20))|})
                    throw new TimeoutException("No WCF channel available.");
            }
        }
    }

    public void Relinquish(QuoteServiceChannel channel)
    {
        lock (_lock)
        {
            _channels.Push(channel);
            Monitor.Pulse(_lock);
        }
    }
}

public sealed class QuoteBoard
{
    private readonly ChannelPool _pool;

    public QuoteBoard(ChannelPool pool) => _pool = pool;

    public async Task<decimal> RefreshAsync(string symbol)
    {
        var viaRun = await Task.Run(async () =>
        {
            var channel = {|POOL003:_pool.Obtain()|};
            try { return await channel.GetQuoteAsync(symbol); }
            finally { _pool.Relinquish(channel); }
        });

        var viaStartNew = await await Task.Factory.StartNew(async () =>
        {
            var channel = {|POOL003:_pool.Obtain()|};
            try { return await channel.GetQuoteAsync(symbol); }
            finally { _pool.Relinquish(channel); }
        });

        var offloaded = await Task.Run(() =>
        {
            var channel = _pool.Obtain();
            try { return channel.GetQuote(symbol); }
            finally { _pool.Relinquish(channel); }
        });

        return (viaRun + viaStartNew + offloaded) / 3;
    }
}
