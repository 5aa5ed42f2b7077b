using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

/// <summary>
/// Sums the lock waits in runtime traces: for each trace, the number of contended lock acquisitions and what they
/// waited (the runtime's <c>ContentionStop</c> events carry each wait's duration). Take the traces with EventPipe's
/// environment variables and the contention keyword (0x4000), for example around the main job, whose child processes
/// inherit them:
/// <code>
/// DOTNET_EnableEventPipe=1 DOTNET_EventPipeConfig='Microsoft-Windows-DotNETRuntime:0x4000:4' \
///   DOTNET_EventPipeOutputPath='/tmp/traces/trace_{pid}.nettrace' PoolBenchmark --pools ... --out ...
/// </code>
/// A trace covers its process's whole life, start-up included. The calibration mode makes a process whose lock waits
/// are known (10 waits of about 50 ms), to check the count and the durations against.
/// </summary>
internal static class LockWaits
{
    public const string Mode = "lock-waits";

    public const string CalibrationMode = "lock-waits-calibration";

    private const int CalibrationWaits = 10;

    private static readonly TimeSpan CalibrationHold = TimeSpan.FromMilliseconds(50);

    /// <summary>One thread holds a lock for 50 ms while another waits to enter it, 10 times over.</summary>
    public static int Calibrate()
    {
        var gate = new object();
        for (var i = 0; i < CalibrationWaits; i++)
        {
            using var held = new ManualResetEventSlim();
            var holder = new Thread(() =>
            {
                lock (gate)
                {
                    held.Set();
                    Thread.Sleep(CalibrationHold);
                }
            });
            holder.Start();
            held.Wait();
            lock (gate)
            {
                // Entered once the holder let go: one contended acquisition of about 50 ms.
            }

            holder.Join();
        }

        Console.WriteLine($"{CalibrationWaits} lock waits of about {CalibrationHold.TotalMilliseconds:0} ms each: a trace of this process should show them.");
        return 0;
    }

    public static int Run(IReadOnlyList<string> traces)
    {
        if (traces.Count == 0)
        {
            Console.Error.WriteLine("lock-waits takes one or more .nettrace files taken with the contention keyword (see LockWaits.cs for the command).");
            return 2;
        }

        if (traces.FirstOrDefault(trace => !File.Exists(trace)) is { } missing)
        {
            Console.Error.WriteLine($"lock-waits: no trace at '{missing}'; give the path of a .nettrace file.");
            return 2;
        }

        foreach (var trace in traces)
        {
            var waits = new List<double>();
            using (var source = new EventPipeEventSource(trace))
            {
                source.Clr.ContentionStop += (ContentionStopTraceData stop) => waits.Add(stop.DurationNs / 1000);
                source.Process();
            }

            waits.Sort();
            string At(double quantile) => waits.Count == 0
                ? "n/a"
                : SortedSample.At(waits, quantile).ToString("0.0", CultureInfo.InvariantCulture) + " us";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{Path.GetFileName(trace)}: {waits.Count:N0} contended lock acquisitions, {waits.Sum() / 1000:N0} ms waited in all, each p50 {At(0.5)}, p99 {At(0.99)}"));
        }

        return 0;
    }
}
