using System.Text.Json.Serialization;

namespace PoolBenchmark;

/// <summary>What one configuration (a pool at a size) measured. Written by the child as JSON, read by the parent.</summary>
public sealed record ConfigResult
{
    public required string Pool { get; init; }

    public required int Size { get; init; }

    /// <summary>Which round of <c>--repeat</c> this is, from 1.</summary>
    public int Round { get; init; } = 1;

    public int Workers { get; init; }

    public int Connections { get; init; }

    public int StartedWorkers { get; init; }

    public bool StartupTimedOut { get; init; }

    public long Attempts { get; init; }

    public long Ok { get; init; }

    public long Fail { get; init; }

    public double ElapsedSeconds { get; init; }

    public double? WaitP50Ms { get; init; }

    public double? WaitP99Ms { get; init; }

    /// <summary>From a give-back to the next worker running with that connection (pooled configurations only).</summary>
    public double? HandOffP50Us { get; init; }

    public double? HandOffP99Us { get; init; }

    public double? HandOffMeanUs { get; init; }

    /// <summary>How long a worker held its connection for one PING (pooled configurations and 'ideal').</summary>
    public double? HeldP50Us { get; init; }

    public double? HeldMeanUs { get; init; }

    public int ThreadsMax { get; init; }

    public int ThreadsAtEnd { get; init; }

    /// <summary>The process had to be stopped from outside (its clock got no thread, or it hung), or its workers never all started.</summary>
    public bool Starved { get; init; }

    public string? Error { get; init; }

    /// <summary>The child process failed with an error (in <see cref="Error"/>): not a pool that starved.</summary>
    public bool Crashed { get; init; }

    /// <summary>Bytes the process allocated in the window.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>
    /// The child measured its allocations and collections. A child the parent had to stop reports none; a measured
    /// window is never 0, since the clock's own progress reports allocate every second.
    /// </summary>
    [JsonIgnore]
    public bool CostMeasured => AllocatedBytes > 0;

    /// <summary>Garbage collections in the window (gen0 and up: every collection counts as a gen0 one).</summary>
    public int Collections { get; init; }

    /// <summary>Work items the thread pool ran in the window: continuations, timer callbacks, socket completions.</summary>
    public long WorkItems { get; init; }

    /// <summary>Lock acquisitions in the window that found the lock held by another thread: the pool's, StackExchange.Redis's or the runtime's.</summary>
    public long? LockContentions { get; init; }

    [JsonIgnore]
    public double SuccessRate => Attempts == 0 ? 0 : (double)Ok / Attempts;

    [JsonIgnore]
    public double Throughput => ElapsedSeconds <= 0 ? 0 : Ok / ElapsedSeconds;

    /// <summary>Thread-pool work items per successful request (the trips through the thread pool a request takes); null when not measured (also in runs saved before it was).</summary>
    [JsonIgnore]
    public double? WorkItemsPerRequest => Ok == 0 || WorkItems == 0 ? null : (double)WorkItems / Ok;

    /// <summary>Contended lock acquisitions per successful request; null when no cost was measured (also in runs saved before it was).</summary>
    [JsonIgnore]
    public double? LockContentionsPerRequest => Ok == 0 || !CostMeasured ? null : (double?)LockContentions / Ok;

    /// <summary>Bytes allocated per successful request; null when none succeeded or the child never reported (it was stopped from outside).</summary>
    [JsonIgnore]
    public double? AllocatedBytesPerRequest => Ok == 0 || !CostMeasured ? null : (double)AllocatedBytes / Ok;
}
