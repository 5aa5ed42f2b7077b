using System.Diagnostics;
using System.Globalization;
using PoolRuntime;

/// <summary>
/// What a timed-out wait costs under overload: 5,000 callers wait on a pool whose only item is held, each for 1 s,
/// and wait again as soon as they time out (a closed loop), so the head of the queue is always about to expire and the
/// timeout timer keeps firing. Prints the process's CPU time per second and per timeout over 10 s. Not a
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
        var callers = Enumerable.Range(0, Callers).Select(i => Task.Run(async () =>
        {
            await Task.Delay(i % 1000); // deadlines spread over a second, as arrivals would be
            while (!Volatile.Read(ref stop))
            {
                if (await pool.TryTakeAsync(TimeSpan.FromSeconds(1)) is null)
                {
                    Interlocked.Increment(ref timeouts);
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3)); // every caller in its loop
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var timeoutsBefore = Interlocked.Read(ref timeouts);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(10));
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var counted = Interlocked.Read(ref timeouts) - timeoutsBefore;
        var seconds = clock.Elapsed.TotalSeconds;

        Volatile.Write(ref stop, true);
        held.Dispose();
        await Task.WhenAll(callers);
        await pool.DisposeAsync();

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Callers} callers timing out and waiting again: {cpu.TotalMilliseconds / seconds:0} ms of CPU per second, {counted / seconds:0} timeouts per second, {cpu.TotalMilliseconds * 1000 / Math.Max(1, counted):0.0} us of CPU per timeout"));
        return 0;
    }
}
