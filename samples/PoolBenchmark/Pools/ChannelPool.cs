using System.Threading.Channels;
using StackExchange.Redis;

namespace PoolBenchmark.Pools;

/// <summary>A Channel holding the idle connections: TryRead, else ReadAsync under a timeout token.</summary>
public sealed class ChannelPool : IRedisPool
{
    private readonly Channel<ConnectionMultiplexer> _idle = Channel.CreateUnbounded<ConnectionMultiplexer>();

    public ChannelPool(IReadOnlyList<ConnectionMultiplexer> connections)
    {
        foreach (var connection in connections)
        {
            _idle.Writer.TryWrite(connection);
        }
    }

    public ValueTask<ConnectionMultiplexer?> TryCheckoutAsync(TimeSpan timeout) =>
        _idle.Reader.TryRead(out var connection) ? new(connection) : ReadAsync(timeout);

    public void GiveBack(ConnectionMultiplexer connection) => _idle.Writer.TryWrite(connection);

    private async ValueTask<ConnectionMultiplexer?> ReadAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _idle.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
