using StackExchange.Redis;

namespace PoolSoak;

/// <summary>
/// A pooled Redis connection that knows whether it was disposed, so a run can prove the pool never hands out a
/// disposed connection and disposes every connection it ever created.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConnectionLedger _ledger;
    private int _disposed;

    internal RedisConnection(ConnectionMultiplexer multiplexer, ConnectionLedger ledger)
    {
        Multiplexer = multiplexer;
        _ledger = ledger;
    }

    public ConnectionMultiplexer Multiplexer { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public bool IsConnected => !IsDisposed && Multiplexer.IsConnected;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            _ledger.CountDoubleDispose();
            return;
        }

        await Multiplexer.DisposeAsync().ConfigureAwait(false);
        _ledger.CountDisposed();
    }
}

/// <summary>Counts the connections a factory created and the ones the pool disposed.</summary>
public sealed class ConnectionLedger
{
    private long _created;
    private long _disposed;
    private long _doubleDisposed;

    public long Created => Interlocked.Read(ref _created);

    public long Disposed => Interlocked.Read(ref _disposed);

    public long DisposedTwice => Interlocked.Read(ref _doubleDisposed);

    public long Open => Created - Disposed;

    public RedisConnection Track(ConnectionMultiplexer multiplexer)
    {
        Interlocked.Increment(ref _created);
        return new RedisConnection(multiplexer, this);
    }

    internal void CountDisposed() => Interlocked.Increment(ref _disposed);

    internal void CountDoubleDispose() => Interlocked.Increment(ref _doubleDisposed);

    /// <summary>Waits (bounded) until every created connection is disposed; a factory abandoned at its create timeout may still be finishing.</summary>
    public Task<bool> AllDisposedAsync(TimeSpan within) => Poll.UntilAsync(() => Open == 0, within, TimeSpan.FromMilliseconds(20));
}
