using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using PoolRuntime;

namespace PoolSoak;

/// <summary>
/// Runs the soak: workers hammer an AsyncPool of Redis connections whose factory fails and hangs on purpose, while
/// the server is killed and restarted now and then. Samples the pool's counts as it goes and, at the end, checks that
/// everything came back: nothing in use or waiting, every connection ever created disposed, no unobserved task
/// exception, no leak report, and a managed heap that did not grow.
/// </summary>
public static class SoakRun
{
    /// <summary>Heap growth between the end of the warm-up and the end of the run beyond which the run fails.</summary>
    private const long HeapGrowthLimit = 64L * 1024 * 1024;

    /// <param name="options">The soak's settings.</param>
    /// <param name="endpoint">The Redis server, host:port.</param>
    /// <param name="causeOutage">Kills the server, waits the given time and restarts it on the same port; null when the soak does not own the server.</param>
    /// <param name="log">Where progress lines go.</param>
    public static async Task<SoakResult> RunAsync(SoakOptions options, string endpoint, Func<TimeSpan, Task>? causeOutage, TextWriter log)
    {
        var counters = new SoakCounters();
        var ledger = new ConnectionLedger();
        var connector = new FaultyConnector(endpoint, ledger)
        {
            FailureRate = options.FailureRate,
            HangRate = options.HangRate,
            HangFor = options.CreateTimeout * 3,
        };
        // Leftovers of whatever ran before in this process must not count against this run.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var unobserved = 0L;
        Exception? firstUnobserved = null;
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, e) =>
        {
            Interlocked.Increment(ref unobserved);
            Interlocked.CompareExchange(ref firstUnobserved, e.Exception, null);
        };
        TaskScheduler.UnobservedTaskException += onUnobserved;

        var pool = new AsyncPool<RedisConnection>(connector.ConnectAsync, new AsyncPoolOptions<RedisConnection>
        {
            Name = "soak",
            MaxSize = options.PoolSize,
            WaitTimeout = options.WaitTimeout,
            CreateTimeout = options.CreateTimeout,
            MaxLifetime = options.FastPath ? null : TimeSpan.FromSeconds(20),
            IdleTimeout = TimeSpan.FromSeconds(10),
            Validate = options.FastPath ? null : (connection, _) => new ValueTask<bool>(connection.IsConnected),
            LeakDetectionThreshold = options.FastPath ? null : TimeSpan.FromSeconds(10),
        });
        var leaks = 0L;
        pool.LeakDetected += (_, _) => Interlocked.Increment(ref leaks);

        var result = new SoakResult { Options = options };
        try
        {
            var held = new ConcurrentDictionary<RedisConnection, byte>(ReferenceEqualityComparer.Instance);
            var checkoutBound = options.WaitTimeout + options.CreateTimeout + TimeSpan.FromSeconds(5);
            var stop = false;
            var workers = Enumerable.Range(0, options.Workers)
                .Select(_ => Task.Run(() => new SoakWorker(pool, counters, held, checkoutBound).RunAsync(() => Volatile.Read(ref stop))))
                .ToList();

            var clock = Stopwatch.StartNew();
            var outages = causeOutage is null || options.OutageEvery == TimeSpan.Zero
                ? Task.CompletedTask
                : CauseOutagesAsync(options, causeOutage, counters, result, clock, () => Volatile.Read(ref stop));
            var warmUp = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, options.Duration.Ticks / 5));
            long? heapAfterWarmUp = null;
            var nextReport = options.ReportEvery;
            var lastOperations = 0L;
            var lastReportAt = TimeSpan.Zero;
            while (clock.Elapsed < options.Duration)
            {
                await Task.Delay(100).ConfigureAwait(false);
                CheckBounds(pool, held, counters);
                result.MaxThreads = Math.Max(result.MaxThreads, ThreadPool.ThreadCount);
                if (heapAfterWarmUp is null && clock.Elapsed >= warmUp)
                {
                    heapAfterWarmUp = GC.GetTotalMemory(forceFullCollection: true);
                }

                if (clock.Elapsed >= nextReport)
                {
                    var operations = counters.Operations;
                    var rate = (operations - lastOperations) / (clock.Elapsed - lastReportAt).TotalSeconds;
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"[{clock.Elapsed:mm\\:ss}] {operations:N0} ops ({rate:N0}/s), {counters.Pings:N0} PINGs | live {pool.Count} idle {pool.IdleCount} waiting {pool.WaitingCount} | created {ledger.Created:N0} disposed {ledger.Disposed:N0} | threads {ThreadPool.ThreadCount} | heap {GC.GetTotalMemory(false) / 1048576.0:N0} MB | violations {counters.ViolationCount}"));
                    lastOperations = operations;
                    lastReportAt = clock.Elapsed;
                    nextReport += options.ReportEvery;
                }
            }

            Volatile.Write(ref stop, true);
            result.Elapsed = clock.Elapsed;
            var all = Task.WhenAll(workers.Append(outages));
            if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30))).ConfigureAwait(false) != all)
            {
                counters.Violation("workers did not stop within 30 s of the end of the run: something hangs");
            }

            if (outages.IsFaulted)
            {
                counters.Violation($"an outage could not be caused or ended: {outages.Exception?.GetBaseException().Message}");
            }

            // Creations for callers that have left and maintenance may still be moving counts: give them a moment.
            if (!await SettledAsync(pool, held).ConfigureAwait(false))
            {
                counters.Violation($"after the load stopped {pool.InUseCount} connections were still in use and {pool.WaitingCount} callers waiting ({held.Count} leases held)");
            }

            result.HeapGrowthBytes = GC.GetTotalMemory(forceFullCollection: true) - (heapAfterWarmUp ?? 0);
            if (heapAfterWarmUp is not null && result.HeapGrowthBytes > HeapGrowthLimit)
            {
                counters.Violation($"the managed heap grew by {result.HeapGrowthBytes / 1048576.0:N0} MB between the warm-up and the end: something leaks");
            }
        }
        finally
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }

        // A hung factory abandoned at its create timeout may still be connecting; its late connection must be disposed too.
        if (!await ledger.AllDisposedAsync(connector.HangFor + TimeSpan.FromSeconds(10)).ConfigureAwait(false))
        {
            counters.Violation($"{ledger.Open} of {ledger.Created:N0} connections created were never disposed");
        }

        if (ledger.DisposedTwice > 0)
        {
            counters.Violation($"{ledger.DisposedTwice} connections were disposed twice");
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TaskScheduler.UnobservedTaskException -= onUnobserved;
        if (Interlocked.Read(ref unobserved) > 0)
        {
            counters.Violation($"{unobserved} task exceptions went unobserved; the first: {firstUnobserved}");
        }

        if (Interlocked.Read(ref leaks) > 0)
        {
            counters.Violation($"{leaks} leases were reported as leaked (held past the 10 s leak threshold)");
        }

        result.Counters = counters;
        result.Created = ledger.Created;
        result.InjectedFailures = connector.InjectedFailures;
        result.InjectedHangs = connector.InjectedHangs;
        return result;
    }

    // The counts are read one after another, so a creation or a trim between two reads can make a single sample look
    // wrong; only a state seen twice in a row is a violation.
    private static void CheckBounds(AsyncPool<RedisConnection> pool, ConcurrentDictionary<RedisConnection, byte> held, SoakCounters counters)
    {
        string? OutOfBounds()
        {
            var (live, idle, leases) = (pool.Count, pool.IdleCount, held.Count);
            return live > pool.MaxSize || idle > live ? $"the pool's counts went out of bounds: live {live}, idle {idle}, MaxSize {pool.MaxSize}"
                : leases > pool.MaxSize ? $"{leases} leases were held at once, more than MaxSize {pool.MaxSize}"
                : null;
        }

        if (OutOfBounds() is not null && OutOfBounds() is { } confirmed)
        {
            counters.Violation(confirmed);
        }
    }

    private static Task<bool> SettledAsync(AsyncPool<RedisConnection> pool, ConcurrentDictionary<RedisConnection, byte> held) =>
        Poll.UntilAsync(
            () => pool.InUseCount == 0 && pool.WaitingCount == 0 && pool.CreatingCount == 0 && held.IsEmpty,
            TimeSpan.FromSeconds(5),
            TimeSpan.FromMilliseconds(10));

    private static async Task CauseOutagesAsync(SoakOptions options, Func<TimeSpan, Task> causeOutage, SoakCounters counters, SoakResult result, Stopwatch clock, Func<bool> stopping)
    {
        while (true)
        {
            var next = TimeSpan.FromTicks(options.OutageEvery.Ticks * (result.Recoveries.Count + 1));
            while (clock.Elapsed < next)
            {
                if (stopping())
                {
                    return;
                }

                await Task.Delay(50).ConfigureAwait(false);
            }

            // Leave time to see the recovery before the run ends.
            if (clock.Elapsed + options.OutageLength + TimeSpan.FromSeconds(5) > options.Duration)
            {
                return;
            }

            await causeOutage(options.OutageLength).ConfigureAwait(false);
            var restarted = Stopwatch.StartNew();
            var pingsAtRestart = counters.Pings;
            if (!await Poll.UntilAsync(() => counters.Pings > pingsAtRestart, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(5)).ConfigureAwait(false))
            {
                counters.Violation("the pool did not serve a PING within 30 s of the server's restart");
            }

            result.Recoveries.Add(restarted.Elapsed);
        }
    }
}
