using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PoolRuntime;
using PoolSoak;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Samples.Tests;

/// <summary>
/// AsyncPool of real StackExchange.Redis connections under the faults a production pool meets: a factory that cannot
/// connect, one that hangs past its create timeout, a storm of cancellations, and disposal in the middle of the load.
/// </summary>
public class RedisFaultTests(RedisFixture redis, ITestOutputHelper output) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_factory_that_cannot_connect_fails_callers_within_their_timeout_and_leaks_no_capacity()
    {
        var ledger = new ConnectionLedger();
        var connector = new FaultyConnector($"127.0.0.1:{ClosedPort()}", ledger);
        await using var pool = NewPool(connector, maxSize: 4);

        await EveryCallerFailsWithinItsTimeoutAsync(pool, callers: 200, expected: nameof(RedisConnectionException));
        Assert.Equal(0, pool.Count);
        Assert.Equal(0, pool.WaitingCount);
        await SettledAsync(pool);

        // Every slot is still there once the server can be reached.
        connector.Endpoint = redis.Endpoint;
        await AllSlotsServeAsync(pool);
    }

    [Fact]
    public async Task A_factory_that_hangs_past_its_create_timeout_frees_its_slot_and_its_late_connection_is_disposed()
    {
        var ledger = new ConnectionLedger();
        var connector = new FaultyConnector(redis.Endpoint, ledger) { HangRate = 1, HangFor = TimeSpan.FromSeconds(1) };
        await using var pool = NewPool(connector, maxSize: 4, createTimeout: TimeSpan.FromMilliseconds(200));

        await EveryCallerFailsWithinItsTimeoutAsync(pool, callers: 100, expected: nameof(TimeoutException));
        Assert.Equal(0, pool.Count);
        await SettledAsync(pool);

        // The hung factories finish after the pool gave up on them: their connections are disposed, not leaked.
        await Poll.UntilAsync(() => ledger.Created >= connector.InjectedHangs, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(20));
        Assert.True(ledger.Created == connector.InjectedHangs, $"only {ledger.Created} of {connector.InjectedHangs} hung factories produced their late connection");
        Assert.True(await ledger.AllDisposedAsync(TimeSpan.FromSeconds(10)), $"{ledger.Open} late connections were never disposed");

        connector.HangRate = 0;
        await AllSlotsServeAsync(pool);
    }

    [Fact]
    public async Task A_storm_of_cancellations_and_short_timeouts_loses_no_connection_and_leases_none_twice()
    {
        var ledger = new ConnectionLedger();
        await using var pool = NewPool(new FaultyConnector(redis.Endpoint, ledger), maxSize: 8);
        var held = new ConcurrentDictionary<RedisConnection, byte>(ReferenceEqualityComparer.Instance);
        long leasedTwice = 0, served = 0, cancelled = 0, timedOut = 0;

        await Task.WhenAll(Enumerable.Range(0, 2000).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var cancellation = new CancellationTokenSource();
                cancellation.CancelAfter(Random.Shared.Next(0, 20));
                try
                {
                    var connection = caller % 2 == 0
                        ? await pool.TryTakeAsync(Random.Shared.Next(0, 20), cancellation.Token)
                        : await pool.TakeAsync(cancellation.Token);
                    if (connection is null)
                    {
                        Interlocked.Increment(ref timedOut);
                        continue;
                    }

                    if (!held.TryAdd(connection, 0))
                    {
                        Interlocked.Increment(ref leasedTwice);
                    }

                    try
                    {
                        await connection.Multiplexer.GetDatabase().PingAsync();
                        Interlocked.Increment(ref served);
                    }
                    finally
                    {
                        held.TryRemove(connection, out _);
                        pool.Add(connection);
                    }
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                }
                catch (Exception error) when (error is PoolExhaustedException or RedisException)
                {
                    // A late cancellation timer or a slow connect on a busy machine: not what this test is about.
                    Interlocked.Increment(ref timedOut);
                }
            }
        })));

        await SettledAsync(pool);
        output.WriteLine($"served {served:N0}, cancelled {cancelled:N0}, timed out {timedOut:N0}; connections created {ledger.Created}");
        Assert.Equal(0, leasedTwice);
        Assert.True(served > 0 && cancelled > 0, "the storm served or cancelled nothing");
        Assert.Equal(0, pool.InUseCount);
        Assert.Equal(0, pool.WaitingCount);
        Assert.InRange(pool.Count, 1, pool.MaxSize);
        Assert.Equal(pool.Count, pool.IdleCount);
        Assert.Equal(ledger.Created, pool.Count + ledger.Disposed);
        await AllSlotsServeAsync(pool);
    }

    [Fact]
    public async Task Disposing_the_pool_under_load_fails_waiters_promptly_and_disposes_every_connection()
    {
        var ledger = new ConnectionLedger();
        var pool = NewPool(new FaultyConnector(redis.Endpoint, ledger), maxSize: 8);
        var clock = Stopwatch.StartNew();
        long served = 0, otherErrors = 0;
        var exits = new ConcurrentBag<TimeSpan>();
        var workers = Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    using var lease = await pool.RentAsync();
                    await lease.Value.Multiplexer.GetDatabase().PingAsync();
                    Interlocked.Increment(ref served);
                }
                catch (ObjectDisposedException)
                {
                    exits.Add(clock.Elapsed);
                    return;
                }
                catch (Exception error) when (error is PoolExhaustedException or RedisException)
                {
                    Interlocked.Increment(ref otherErrors);
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var servedBeforeDispose = Interlocked.Read(ref served);
        var disposedAt = clock.Elapsed;
        await pool.DisposeAsync();
        var all = Task.WhenAll(workers);
        Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10))) == all, "workers still ran 10 s after the pool was disposed");
        await all; // a worker that failed with anything unexpected fails the test here

        var lastFailure = exits.Max() - disposedAt;
        output.WriteLine($"served {servedBeforeDispose:N0} before disposal; the last worker saw ObjectDisposedException {lastFailure.TotalMilliseconds:N0} ms after it; other errors {otherErrors}");
        Assert.True(servedBeforeDispose > 0, "nothing was served before disposal");
        Assert.True(lastFailure < TimeSpan.FromSeconds(2), $"the last waiter learned of the disposal after {lastFailure.TotalMilliseconds:N0} ms");

        // Connections in use at the disposal were disposed when they came back; idle ones at once.
        Assert.True(await ledger.AllDisposedAsync(TimeSpan.FromSeconds(5)), $"{ledger.Open} of {ledger.Created} connections were never disposed");
        Assert.Equal(0, ledger.DisposedTwice);
    }

    private static AsyncPool<RedisConnection> NewPool(FaultyConnector connector, int maxSize, TimeSpan? createTimeout = null) =>
        new(connector.ConnectAsync, new AsyncPoolOptions<RedisConnection>
        {
            Name = "redis-faults",
            MaxSize = maxSize,
            WaitTimeout = WaitTimeout,
            CreateTimeout = createTimeout ?? TimeSpan.FromSeconds(3),
            Validate = (connection, _) => new ValueTask<bool>(connection.IsConnected),
        });

    /// <summary>
    /// Many callers rent at once from a pool whose factory cannot deliver: each gets the factory's error (or a timeout
    /// while others were trying), and none waits much past its wait timeout.
    /// </summary>
    private async Task EveryCallerFailsWithinItsTimeoutAsync(AsyncPool<RedisConnection> pool, int callers, string expected)
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(() => TimedRentAsync(pool))));

        output.WriteLine(string.Join(", ", outcomes.GroupBy(o => o.Error).Select(g => $"{g.Key} x{g.Count()}, slowest {g.Max(o => o.Took).TotalMilliseconds:N0} ms")));
        Assert.All(outcomes, o => Assert.True(o.Error == expected || o.Error == nameof(PoolExhaustedException), $"a caller got {o.Error}"));
        Assert.Contains(outcomes, o => o.Error == expected);
        Assert.All(outcomes, o => Assert.True(o.Took < WaitTimeout + TimeSpan.FromSeconds(3), $"a caller waited {o.Took.TotalMilliseconds:N0} ms"));
    }

    private static async Task<(string Error, TimeSpan Took)> TimedRentAsync(AsyncPool<RedisConnection> pool)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var lease = await pool.RentAsync();
            return ("none", Stopwatch.GetElapsedTime(started));
        }
        catch (Exception error)
        {
            return (error.GetType().Name, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Waits (bounded) for creations still under way (retries for callers that have left) to end.</summary>
    private static async Task SettledAsync(AsyncPool<RedisConnection> pool) =>
        Assert.True(
            await Poll.UntilAsync(() => pool.CreatingCount == 0, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10)),
            $"{pool.CreatingCount} creations were still under way 10 s after the last caller left");

    private static async Task AllSlotsServeAsync(AsyncPool<RedisConnection> pool)
    {
        var leases = await Task.WhenAll(Enumerable.Range(0, pool.MaxSize).Select(_ => pool.RentAsync().AsTask()));
        try
        {
            await Task.WhenAll(leases.Select(lease => lease.Value.Multiplexer.GetDatabase().PingAsync()));
            Assert.Equal(pool.MaxSize, leases.Select(l => l.Value).Distinct().Count());
        }
        finally
        {
            foreach (var lease in leases)
            {
                lease.Dispose();
            }
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
