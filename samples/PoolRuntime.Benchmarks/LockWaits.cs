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
/// A trace covers its process's whole life, start-up included.
/// </summary>
internal static class LockWaits
{
    public const string Mode = "lock-waits";

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
            double At(double quantile) => waits.Count == 0 ? 0 : waits[(int)Math.Min(waits.Count - 1, quantile * waits.Count)];
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{Path.GetFileName(trace)}: {waits.Count:N0} contended lock acquisitions, {waits.Sum() / 1000:N0} ms waited in all, each p50 {At(0.5):0.0} us, p99 {At(0.99):0.0} us"));
        }

        return 0;
    }
}
