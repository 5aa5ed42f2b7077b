// Shape: an interface-typed pool (IPushChannelPool) whose GetAsync task is blocked on with .Result inside an async lambda and .GetAwaiter().GetResult() in an async loop; the same .Result inside a synchronous Task.Run lambda is not reported.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.ResultInAsyncLambda;

public sealed class PushChannel
{
    public Task SendAsync(string deviceToken, string message) => Task.CompletedTask;
}

public interface IPushChannelPool
{
    Task<PushChannel> GetAsync(CancellationToken cancellationToken = default);

    void Return(PushChannel channel);
}

public sealed class PushChannelPool : IPushChannelPool
{
    private readonly ConcurrentQueue<PushChannel> _idle = new();
    private readonly SemaphoreSlim _gate = new(5, 5);

    public async Task<PushChannel> GetAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        return _idle.TryDequeue(out var channel) ? channel : new PushChannel();
    }

    public void Return(PushChannel channel)
    {
        _idle.Enqueue(channel);
        _gate.Release();
    }
}

public sealed class NotificationDispatcher
{
    private readonly IPushChannelPool _pool;

    public NotificationDispatcher(IPushChannelPool pool) => _pool = pool;

    public Func<string, string, Task> CreateSender() => async (deviceToken, message) =>
    {
        var channel = {|POOL002:_pool.GetAsync().Result|};
        try
        {
            await channel.SendAsync(deviceToken, message);
        }
        finally
        {
            _pool.Return(channel);
        }
    };

    public async Task BroadcastAsync(IEnumerable<string> deviceTokens, string message, CancellationToken cancellationToken)
    {
        foreach (var deviceToken in deviceTokens)
        {
            var channel = {|POOL002:_pool.GetAsync(cancellationToken).GetAwaiter().GetResult()|};
            try
            {
                await channel.SendAsync(deviceToken, message);
            }
            finally
            {
                _pool.Return(channel);
            }
        }
    }

    public async Task SendInBackgroundAsync(string deviceToken, string message)
    {
        // Blocks a thread-pool thread inside Task.Run, not this async method: not reported.
        var channel = await Task.Run(() => _pool.GetAsync().Result);
        try
        {
            await channel.SendAsync(deviceToken, message);
        }
        finally
        {
            _pool.Return(channel);
        }
    }
}
