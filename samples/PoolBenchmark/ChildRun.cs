using System.Diagnostics;
using System.Text.Json;
using PoolBenchmark.Pools;
using StackExchange.Redis;

namespace PoolBenchmark;

/// <summary>
/// Runs one configuration in its own process: connects, starts every worker, then counts for the measured window.
/// The clock and the progress reports run on a dedicated thread, because a blocking pool starves the thread pool so
/// thoroughly that a timer or a Task.Delay continuation may not run for minutes. Writes "P {json}" progress lines and
/// one "R {json}" result line to standard output.
/// </summary>
public static class ChildRun
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var size = options.ChildSize;
        if (options.Client == BenchmarkOptions.SocketClient)
        {
            var endpoint = SocketConnection.EndPointOf(options.Redis!, out var reason) ?? throw new ArgumentException($"--client socket cannot use --redis {options.Redis}: {reason}.");
            var sockets = await Task.WhenAll(Enumerable.Range(0, size).Select(_ => SocketConnection.ConnectAsync(endpoint)));
            return Run(options, sockets, static connection => connection.PingAsync());
        }

        var configuration = ConfigurationOptions.Parse(options.Redis!);
        configuration.AbortOnConnectFail = true;
        var multiplexers = await Task.WhenAll(Enumerable.Range(0, size).Select(_ => ConnectionMultiplexer.ConnectAsync(configuration)));
        return Run(options, multiplexers, static connection => new ValueTask(connection.GetDatabase().PingAsync()));
    }

    /// <summary>Starts every worker on <paramref name="connections"/>, measures the window, prints the result and ends the process.</summary>
    private static int Run<TConnection>(BenchmarkOptions options, TConnection[] connections, Func<TConnection, ValueTask> ping)
        where TConnection : class
    {
        var pool = options.ChildPool!;
        var size = connections.Length;
        var ideal = pool == "ideal";
        var shared = pool == "shared";
        var workers = ideal ? size : options.Workers;
        var redisPool = ideal || shared ? null : RedisPools.Create(pool, connections, options.Timeout);
        var returns = new ReturnClock<TConnection>(connections);
        var next = 0;
        var measurement = new Measurement();
        var stopped = false;

        for (var i = 0; i < workers; i++)
        {
            var connection = connections[i % size];
            _ = Task.Run(() => ideal ? OwnConnectionWorker(connection, ping, measurement, () => Volatile.Read(ref stopped))
                : shared ? SharedWorker(() => connections[(int)((uint)Interlocked.Increment(ref next) % (uint)size)], ping, measurement, () => Volatile.Read(ref stopped))
                : PooledWorker(redisPool!, ping, returns, options.Timeout, measurement, () => Volatile.Read(ref stopped)));
        }

        ConfigResult? result = null;
        var clock = new Thread(() => result = Clock(pool, size, workers, options, measurement)) { IsBackground = true, Name = "benchmark clock" };
        clock.Start();
        clock.Join();
        Volatile.Write(ref stopped, true);

        Console.Out.WriteLine("R " + JsonSerializer.Serialize(result));
        Console.Out.Flush();

        // Blocked workers may never finish; the process ends here, not when they do.
        Environment.Exit(0);
        return 0;
    }

    private static ConfigResult Clock(string pool, int size, int workers, BenchmarkOptions options, Measurement measurement)
    {
        var threadsMax = 0;
        void Report(string phase, Measurement.Counts counts, double elapsed)
        {
            threadsMax = Math.Max(threadsMax, ThreadPool.ThreadCount);
            var progress = new { phase, started = measurement.Started, counts.Attempts, counts.Ok, counts.Fail, elapsed, threads = ThreadPool.ThreadCount };
            Console.Out.WriteLine("P " + JsonSerializer.Serialize(progress));
            Console.Out.Flush();
        }

        // Start-up: count nothing until every worker runs, for a bounded time.
        var startup = Stopwatch.StartNew();
        while (measurement.Started < workers && startup.Elapsed < options.StartupTimeout)
        {
            Report("starting", default, startup.Elapsed.TotalSeconds);
            Thread.Sleep(250);
        }

        var startedWorkers = measurement.Started;
        var baseline = measurement.Snapshot();
        var costAtStart = ProcessCost.Now();
        measurement.StartRecording();
        var window = Stopwatch.StartNew();
        while (window.Elapsed < options.Duration)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(1000, Math.Max(1, (options.Duration - window.Elapsed).TotalMilliseconds))));
            Report("measuring", measurement.Snapshot() - baseline, window.Elapsed.TotalSeconds);
        }

        var counts = measurement.Snapshot() - baseline;
        measurement.StopRecording();
        var elapsed = window.Elapsed.TotalSeconds;
        var cost = ProcessCost.Now() - costAtStart;
        return new ConfigResult
        {
            Pool = pool,
            Size = size,
            Workers = workers,
            Connections = size,
            StartedWorkers = startedWorkers,
            StartupTimedOut = startedWorkers < workers,
            Starved = startedWorkers < workers,
            Attempts = counts.Attempts,
            Ok = counts.Ok,
            Fail = counts.Fail,
            ElapsedSeconds = elapsed,
            WaitP50Ms = measurement.Waits.PercentileMicroseconds(0.5) / 1000,
            WaitP99Ms = measurement.Waits.PercentileMicroseconds(0.99) / 1000,
            HandOffP50Us = measurement.HandOffs.PercentileMicroseconds(0.5),
            HandOffP99Us = measurement.HandOffs.PercentileMicroseconds(0.99),
            HandOffMeanUs = measurement.HandOffs.MeanMicroseconds(),
            HeldP50Us = measurement.Holds.PercentileMicroseconds(0.5),
            HeldMeanUs = measurement.Holds.MeanMicroseconds(),
            ThreadsMax = Math.Max(threadsMax, ThreadPool.ThreadCount),
            ThreadsAtEnd = ThreadPool.ThreadCount,
            AllocatedBytes = cost.AllocatedBytes,
            Collections = cost.Collections,
            WorkItems = cost.WorkItems,
            LockContentions = cost.LockContentions,
        };
    }

    private static async Task PooledWorker<TConnection>(IRedisPool<TConnection> pool, Func<TConnection, ValueTask> ping, ReturnClock<TConnection> returns, TimeSpan timeout, Measurement measurement, Func<bool> stopped)
        where TConnection : class
    {
        measurement.WorkerStarted();
        while (!stopped())
        {
            measurement.Attempt();
            var waitStarted = Stopwatch.GetTimestamp();
            TConnection? connection;
            try
            {
                connection = await pool.TryCheckoutAsync(timeout);
            }
            catch (Exception)
            {
                measurement.Fail();
                continue;
            }

            var heldAt = Stopwatch.GetTimestamp();
            measurement.RecordWait(heldAt - waitStarted);
            if (connection is null)
            {
                measurement.Fail(); // "No connection available."
                continue;
            }

            if (returns.TicksSinceReturn(connection, heldAt) is { } handOff)
            {
                measurement.RecordHandOff(handOff);
            }

            try
            {
                await ping(connection);
                measurement.Ok();
            }
            catch (Exception)
            {
                measurement.Fail();
            }
            finally
            {
                measurement.RecordHold(Stopwatch.GetTimestamp() - heldAt);
                returns.Returned(connection);
                pool.GiveBack(connection);
            }
        }
    }

    /// <summary>
    /// StackExchange.Redis as it is meant to be used: no lease; each request goes to the next connection round-robin,
    /// and each connection pipelines the concurrent requests of every worker over its socket. Multiplexers only: a plain
    /// socket carries one command at a time, so --client socket refuses this configuration.
    /// </summary>
    private static async Task SharedWorker<TConnection>(Func<TConnection> nextConnection, Func<TConnection, ValueTask> ping, Measurement measurement, Func<bool> stopped)
    {
        measurement.WorkerStarted();
        while (!stopped())
        {
            measurement.Attempt();
            try
            {
                await ping(nextConnection());
                measurement.Ok();
            }
            catch (Exception)
            {
                measurement.Fail();
            }
        }
    }

    private static async Task OwnConnectionWorker<TConnection>(TConnection connection, Func<TConnection, ValueTask> ping, Measurement measurement, Func<bool> stopped)
    {
        measurement.WorkerStarted();
        while (!stopped())
        {
            measurement.Attempt();
            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                await ping(connection);
                measurement.Ok();
            }
            catch (Exception)
            {
                measurement.Fail();
            }

            measurement.RecordHold(Stopwatch.GetTimestamp() - sentAt);
        }
    }
}
