using System.Globalization;
using System.Text;

namespace PoolSoak;

public sealed class SoakResult
{
    public required SoakOptions Options { get; init; }

    public SoakCounters Counters { get; set; } = new();

    public TimeSpan Elapsed { get; set; }

    public long Created { get; set; }

    public long InjectedFailures { get; set; }

    public long InjectedHangs { get; set; }

    public int MaxThreads { get; set; }

    public long HeapGrowthBytes { get; set; }

    /// <summary>For each outage, the time from the server's restart to the pool's first successful PING.</summary>
    public List<TimeSpan> Recoveries { get; } = [];

    public bool Passed => Counters.ViolationCount == 0;

    public string Summary()
    {
        var c = Counters;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"{c.Operations:N0} operations in {Elapsed.TotalSeconds:N0} s ({c.Operations / Math.Max(1, Elapsed.TotalSeconds):N0}/s) by {Options.Workers} callers over a pool of {Options.PoolSize}");
        Line($"  PINGs ok {c.Pings:N0}; cancelled {c.Cancelled:N0}; short waits that timed out {c.TimedOut:N0}; pool exhausted {c.Exhausted:N0}; creation failures {c.CreateFailures:N0}; discards {c.Discards:N0}");
        Line($"  connections created {Created:N0} (injected: {InjectedFailures:N0} failures, {InjectedHangs:N0} hangs past the create timeout); slowest checkout {c.SlowestCheckout.TotalMilliseconds:N0} ms; thread-pool threads at most {MaxThreads}; heap growth {HeapGrowthBytes / 1048576.0:N1} MB");
        if (Recoveries.Count > 0)
        {
            Line($"  outages {Recoveries.Count}; first PING after each restart: {string.Join(", ", Recoveries.Select(r => r.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms"))}");
        }

        if (Passed)
        {
            text.AppendLine("PASSED: no connection leased twice or handed out disposed, counts in bounds, every checkout within its bound, everything back and disposed at the end, no unobserved exception, no leak report, no heap growth.");
        }
        else
        {
            Line($"FAILED: {c.ViolationCount} broken invariants:");
            foreach (var violation in c.Violations.Distinct())
            {
                text.Append("  - ").AppendLine(violation);
            }
        }

        return text.ToString();
    }
}
