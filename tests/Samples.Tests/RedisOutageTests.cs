using System.Diagnostics;
using PoolBenchmark;
using PoolRuntime;
using PoolSoak;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Samples.Tests;

/// <summary>
/// The pool under a real fault: 1000 workers PING a redis-server this test starts, through an AsyncPool of
/// StackExchange.Redis connections; the server is killed mid-run and restarted on the same port. During the outage
/// every checkout or command fails within its timeout (no hang); broken connections are discarded, not handed out
/// again; after the restart the pool serves again; when the load stops nothing is left in use or waiting.
/// </summary>
public class RedisOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Operation = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task The_pool_fails_fast_during_an_outage_and_recovers_after_a_restart()
    {
        using var server = RestartableRedis.TryStart() ?? throw new InvalidOperationException(RedisServer.MissingMessage);
        var unobserved = 0;
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, _) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += onUnobserved;
        try
        {
            var configuration = ConfigurationOptions.Parse(server.Endpoint);
            configuration.AbortOnConnectFail = false;
            configuration.ConnectTimeout = 1000;
            configuration.AsyncTimeout = 1000;
            configuration.SyncTimeout = 1000;

            await using var pool = new AsyncPool<ConnectionMultiplexer>(
                async _ => await ConnectionMultiplexer.ConnectAsync(configuration),
                new AsyncPoolOptions<ConnectionMultiplexer>
                {
                    Name = "redis-outage",
                    MaxSize = 8,
                    WaitTimeout = Operation,
                    CreateTimeout = TimeSpan.FromSeconds(3),
                    Validate = (connection, _) => new ValueTask<bool>(connection.IsConnected),
                    ValidationBypassWindow = TimeSpan.Zero,
                });

            var clock = Stopwatch.StartNew();
            long ok = 0, failed = 0, discarded = 0, slowest = 0, lastOkAt = 0;
            var stop = false;
            var workers = Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
            {
                while (!Volatile.Read(ref stop))
                {
                    var started = clock.ElapsedTicks;
                    try
                    {
                        using var lease = await pool.RentAsync();
                        try
                        {
                            await lease.Value.GetDatabase().PingAsync();
                            Interlocked.Increment(ref ok);
                            Interlocked.Exchange(ref lastOkAt, clock.ElapsedTicks);
                        }
                        catch (Exception error) when (error is RedisException or TimeoutException)
                        {
                            lease.Discard();
                            Interlocked.Increment(ref discarded);
                            Interlocked.Increment(ref failed);
                        }
                    }
                    catch (Exception error) when (error is PoolExhaustedException or TimeoutException or RedisException)
                    {
                        Interlocked.Increment(ref failed);
                        await Task.Delay(10);
                    }

                    var took = clock.ElapsedTicks - started;
                    long seen;
                    while ((seen = Interlocked.Read(ref slowest)) < took && Interlocked.CompareExchange(ref slowest, took, seen) != seen)
                    {
                    }
                }
            })).ToList();

            await Task.Delay(TimeSpan.FromSeconds(3));
            var okBeforeOutage = Interlocked.Read(ref ok);
            Assert.True(okBeforeOutage > 0, "no request succeeded before the outage");

            var killedAt = clock.Elapsed;
            var okDuringOutage = 0L;
            await server.OutageAsync(TimeSpan.FromSeconds(3), () => okDuringOutage = Interlocked.Read(ref ok) - okBeforeOutage);
            var restartedAt = clock.Elapsed;
            var okAtRestart = Interlocked.Read(ref ok);
            await Poll.UntilAsync(() => Interlocked.Read(ref ok) > okAtRestart, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));

            var recovery = clock.Elapsed - restartedAt;
            await Task.Delay(TimeSpan.FromSeconds(2));
            Volatile.Write(ref stop, true);
            var all = Task.WhenAll(workers);
            Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30))) == all, "workers did not stop within 30 s");

            output.WriteLine($"ok {ok:N0} (before outage {okBeforeOutage:N0}, during {okDuringOutage:N0}), failed {failed:N0}, discarded {discarded:N0}");
            output.WriteLine($"outage {restartedAt - killedAt:g}; first success {recovery.TotalMilliseconds:N0} ms after the restart; slowest operation {TimeSpan.FromTicks(slowest * TimeSpan.TicksPerSecond / Stopwatch.Frequency).TotalMilliseconds:N0} ms");

            Assert.True(recovery < TimeSpan.FromSeconds(30), $"the pool did not serve again within 30 s of the restart");
            Assert.True(Interlocked.Read(ref ok) > okAtRestart, "no request succeeded after the restart");
            Assert.True(discarded > 0, "no broken connection was discarded");
            // No hang: a checkout waits at most WaitTimeout, a create at most CreateTimeout, a PING at most AsyncTimeout.
            Assert.True(TimeSpan.FromTicks(slowest * TimeSpan.TicksPerSecond / Stopwatch.Frequency) < TimeSpan.FromSeconds(10), "an operation hung past its timeouts");
            Assert.Equal(0, pool.InUseCount);
            Assert.Equal(0, pool.WaitingCount);

            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.Equal(0, Volatile.Read(ref unobserved));
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= onUnobserved;
        }
    }
}
