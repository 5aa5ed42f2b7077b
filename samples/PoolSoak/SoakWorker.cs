using System.Collections.Concurrent;
using System.Diagnostics;
using PoolRuntime;
using StackExchange.Redis;

namespace PoolSoak;

/// <summary>
/// One caller's loop: a random mix of the ways real code uses a pool (rent and PING, cancel at a random instant,
/// give up after a few milliseconds, discard, try without waiting), checking on every checkout that the connection
/// is not leased to anyone else and was not disposed.
/// </summary>
internal sealed class SoakWorker(AsyncPool<RedisConnection> pool, SoakCounters counters, ConcurrentDictionary<RedisConnection, byte> held, TimeSpan checkoutBound)
{
    public async Task RunAsync(Func<bool> stopping)
    {
        await Task.Yield();
        while (!stopping())
        {
            try
            {
                await OneOperationAsync(Random.Shared.Next(100)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                counters.Cancel();
            }
            catch (PoolExhaustedException)
            {
                counters.Exhaust();
                await Task.Delay(Random.Shared.Next(1, 10)).ConfigureAwait(false);
            }
            catch (Exception error) when (error is RedisException or TimeoutException)
            {
                // The factory failed or hung past its create timeout (injected, or the server is down).
                counters.CreateFailure();
                await Task.Delay(Random.Shared.Next(1, 10)).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                counters.Violation($"unexpected {error.GetType().Name}: {error.Message}");
            }

            counters.Operation();
        }
    }

    // Discards are rare on purpose: each one costs a new Redis connection, which would otherwise dominate the run.
    private async Task OneOperationAsync(int roll)
    {
        switch (roll)
        {
            case < 50:
                await RentAndPingAsync().ConfigureAwait(false);
                break;
            case < 65:
                await RentWithCancellationAtARandomInstantAsync().ConfigureAwait(false);
                break;
            case < 75:
                await TakeWithAShortTimeoutAsync().ConfigureAwait(false);
                break;
            case < 95:
                await RentAndHoldAsync().ConfigureAwait(false);
                break;
            case < 96:
                await RentAndDiscardAsync().ConfigureAwait(false);
                break;
            default:
                TryRentWithoutWaiting();
                break;
        }
    }

    private async Task RentAndPingAsync()
    {
        using var lease = await TimedRentAsync(CancellationToken.None).ConfigureAwait(false);
        var connection = Acquired(lease.Value);
        try
        {
            await connection.Multiplexer.GetDatabase().PingAsync().ConfigureAwait(false);
            counters.Ping();
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            // A broken connection is evicted, not handed to the next caller (Validate catches the rest on rent).
            // Released first: the discard frees the slot, and a replacement may be leased at once.
            Released(connection);
            lease.Discard();
            counters.Discard();
        }
        finally
        {
            Released(connection);
        }
    }

    private async Task RentWithCancellationAtARandomInstantAsync()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(Random.Shared.Next(0, 3));
        using var lease = await TimedRentAsync(cancellation.Token).ConfigureAwait(false);
        var connection = Acquired(lease.Value);
        await Task.Yield();
        Released(connection);
    }

    private async Task TakeWithAShortTimeoutAsync()
    {
        var connection = await pool.TryTakeAsync(Random.Shared.Next(0, 5)).ConfigureAwait(false);
        if (connection is null)
        {
            counters.Timeout();
            return;
        }

        Acquired(connection);
        await Task.Yield();
        Released(connection);
        pool.Add(connection);
    }

    private async Task RentAndHoldAsync()
    {
        using var lease = await TimedRentAsync(CancellationToken.None).ConfigureAwait(false);
        var connection = Acquired(lease.Value);
        await Task.Yield();
        Released(connection);
    }

    private async Task RentAndDiscardAsync()
    {
        using var lease = await TimedRentAsync(CancellationToken.None).ConfigureAwait(false);
        Released(Acquired(lease.Value));
        lease.Discard();
        counters.Discard();
    }

    private void TryRentWithoutWaiting()
    {
        if (pool.TryRent(out var lease))
        {
            using (lease)
            {
                Released(Acquired(lease.Value));
            }
        }
    }

    private async ValueTask<PoolLease<RedisConnection>> TimedRentAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await pool.RentAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            var took = Stopwatch.GetElapsedTime(started);
            counters.Checkout(took);
            if (took > checkoutBound)
            {
                counters.Violation($"a checkout took {took.TotalMilliseconds:N0} ms, past its bound of {checkoutBound.TotalMilliseconds:N0} ms");
            }
        }
    }

    private RedisConnection Acquired(RedisConnection connection)
    {
        if (!held.TryAdd(connection, 0))
        {
            counters.Violation("a connection was leased to two callers at once");
        }

        if (connection.IsDisposed)
        {
            counters.Violation("the pool handed out a disposed connection");
        }

        return connection;
    }

    private void Released(RedisConnection connection) => held.TryRemove(connection, out _);
}
