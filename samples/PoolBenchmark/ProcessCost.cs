namespace PoolBenchmark;

/// <summary>
/// What the benchmark process has allocated so far, how many garbage collections and thread-pool work items it has
/// run, and how often one of its threads found a lock held by another (<see cref="Monitor.LockContentionCount"/>: the
/// pool's lock, StackExchange.Redis's and the runtime's; the 'ideal' run shows how many there are with no pool). Over the measured
/// window, divided by the requests served, it is what a request allocates: the workers' and StackExchange.Redis's share
/// (the 'ideal' run, with no pool, shows about how much) plus the pool's. Unlike throughput it hardly moves with the
/// load of a shared machine. (CPU time per request is left out on purpose: idle thread-pool threads spin
/// before they sleep, so a process's CPU time follows its wake-ups more than its work.)
/// </summary>
public readonly record struct ProcessCost(long AllocatedBytes, int Collections, long WorkItems, long LockContentions)
{
    // Precise: the imprecise count can miss an allocation context (about 8 KB) per thread, and a starving blocking
    // pool has dozens of threads and few requests to spread that over. Read twice a run, so its cost does not matter.
    public static ProcessCost Now() => new(
        GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), ThreadPool.CompletedWorkItemCount, Monitor.LockContentionCount);

    public static ProcessCost operator -(ProcessCost end, ProcessCost start) =>
        new(end.AllocatedBytes - start.AllocatedBytes, end.Collections - start.Collections, end.WorkItems - start.WorkItems, end.LockContentions - start.LockContentions);
}
