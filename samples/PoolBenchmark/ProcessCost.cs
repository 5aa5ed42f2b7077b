namespace PoolBenchmark;

/// <summary>
/// What the benchmark process has allocated so far, and how many garbage collections it has run. Over the measured
/// window, divided by the requests served, it is what a request allocates: StackExchange.Redis's share is the same
/// under every pool (the 'ideal' run, with no pool, shows it), so the rest is the pool's. Unlike throughput it does not
/// move with the load of a shared machine. (CPU time per request is left out on purpose: idle thread-pool threads spin
/// before they sleep, so a process's CPU time follows its wake-ups more than its work.)
/// </summary>
public readonly record struct ProcessCost(long AllocatedBytes, int Collections)
{
    public static ProcessCost Now() => new(GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0));

    public static ProcessCost operator -(ProcessCost end, ProcessCost start) =>
        new(end.AllocatedBytes - start.AllocatedBytes, end.Collections - start.Collections);
}
