using System.Threading.Channels;

namespace PoolBenchmark.Pools;

/// <summary>A Channel holding the idle connections: TryRead, else ReadAsync under a timeout token.</summary>
public sealed class ChannelPool<TConnection> : IRedisPool<TConnection>
    where TConnection : class
{
    private readonly Channel<TConnection> _idle = Channel.CreateUnbounded<TConnection>();

    public ChannelPool(IReadOnlyList<TConnection> connections)
    {
        foreach (var connection in connections)
        {
            _idle.Writer.TryWrite(connection);
        }
    }

    public ValueTask<TConnection?> TryCheckoutAsync(TimeSpan timeout) =>
        _idle.Reader.TryRead(out var connection) ? new(connection) : ReadAsync(timeout);

    public void GiveBack(TConnection connection) => _idle.Writer.TryWrite(connection);

    private async ValueTask<TConnection?> ReadAsync(TimeSpan timeout)
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
