using System.Diagnostics;
using System.Globalization;
using PoolRuntime;

/// <summary>
/// What a timed-out wait costs under overload: 5,000 callers wait on a pool whose only item is held, each for 1 s,
/// and wait again as soon as they time out (a closed loop), so the head of the queue is always about to expire and the
/// timeout timer keeps firing. Prints, over 10 s, the process's CPU time per second and per timeout, the thread-pool
/// work items per timeout, and how late the timeouts ended (the timer's callback can be delayed by a busy machine,
/// and passes are batched at least 10 ms apart). Not a
/// BenchmarkDotNet benchmark: the cost is spread over timer callbacks and thread-pool threads, which only the whole
/// process's CPU time sees.
/// </summary>
internal static class TimeoutCost
{
    public const string Mode = "timeout-cost";

    public static async Task<int> RunAsync()
    {
        const int Callers = 5000;
        var pool = new AsyncPool<object>(new AsyncPoolOptions<object> { MaxSize = 1, WaitTimeout = TimeSpan.FromSeconds(1) });
        pool.Add(new object());
        using var held = await pool.RentAsync();

        long timeouts = 0;
        var stop = false;
        var lateness = new Lateness(capacity: 1_000_000);
        var callers = Enumerable.Range(0, Callers).Select(i => Task.Run(async () =>
        {
            await Task.Delay(i % 1000); // deadlines spread over a second, as arrivals would be
            while (!Volatile.Read(ref stop))
            {
                var started = Stopwatch.GetTimestamp();
                if (await pool.TryTakeAsync(TimeSpan.FromSeconds(1)) is null)
                {
                    Interlocked.Increment(ref timeouts);
                    lateness.Record(Stopwatch.GetElapsedTime(started) - TimeSpan.FromSeconds(1));
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3)); // every caller in its loop
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var timeoutsBefore = Interlocked.Read(ref timeouts);
        var workItemsBefore = ThreadPool.CompletedWorkItemCount;
        var clock = Stopwatch.StartNew();
        lateness.Start();
        await Task.Delay(TimeSpan.FromSeconds(10));
        lateness.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var counted = Interlocked.Read(ref timeouts) - timeoutsBefore;
        var workItems = ThreadPool.CompletedWorkItemCount - workItemsBefore;
        var seconds = clock.Elapsed.TotalSeconds;

        Volatile.Write(ref stop, true);
        held.Dispose();
        await Task.WhenAll(callers);
        await pool.DisposeAsync();

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Callers} callers timing out and waiting again: {cpu.TotalMilliseconds / seconds:0} ms of CPU per second, {counted / seconds:0} timeouts per second, {cpu.TotalMilliseconds * 1000 / Math.Max(1, counted):0.0} us of CPU per timeout, {(double)workItems / Math.Max(1, counted):0.00} thread-pool work items per timeout; timeouts ended late by {lateness.Describe()}"));
        return 0;
    }
}

/// <summary>How long after its deadline each timed-out wait of the measured window ended.</summary>
internal sealed class Lateness(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    public void Record(TimeSpan late)
    {
        if (_recording && Interlocked.Increment(ref _count) is var slot && slot <= _ticks.Length)
        {
            _ticks[slot - 1] = late.Ticks;
        }
    }

    public string Describe()
    {
        var recorded = _ticks.AsSpan(0, Math.Min(Volatile.Read(ref _count), _ticks.Length)).ToArray();
        if (recorded.Length == 0)
        {
            return "n/a (no timeout)";
        }

        Array.Sort(recorded);
        string At(double quantile) => TimeSpan.FromTicks(SortedSample.At(recorded, quantile)).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
        return $"min {At(0)} ms, p50 {At(0.5)} ms, p99 {At(0.99)} ms, max {At(1)} ms";
    }
}
