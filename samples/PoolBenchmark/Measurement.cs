namespace PoolBenchmark;

/// <summary>
/// The counters and the latency histograms a child's workers update, and snapshots of them. Latencies are recorded
/// only inside the measured window (between <see cref="StartRecording"/> and <see cref="StopRecording"/>), in
/// <see cref="System.Diagnostics.Stopwatch"/> ticks.
/// </summary>
public sealed class Measurement
{
    private long _attempts;
    private long _ok;
    private long _fail;
    private volatile bool _recording;

    private int _started;

    public int Started => Volatile.Read(ref _started);

    /// <summary>From asking the pool for a connection to holding one (or giving up).</summary>
    public LatencyHistogram Waits { get; } = new();

    /// <summary>From a worker giving a connection back to the next worker holding it: the pool's hand-off, thread-pool scheduling included.</summary>
    public LatencyHistogram HandOffs { get; } = new();

    /// <summary>How long a worker holds a connection: its PING's round trip, up to the worker running again.</summary>
    public LatencyHistogram Holds { get; } = new();

    public void WorkerStarted() => Interlocked.Increment(ref _started);

    public void Attempt() => Interlocked.Increment(ref _attempts);

    public void Ok() => Interlocked.Increment(ref _ok);

    public void Fail() => Interlocked.Increment(ref _fail);

    public void StartRecording() => _recording = true;

    public void StopRecording() => _recording = false;

    public void RecordWait(long stopwatchTicks) => RecordIn(Waits, stopwatchTicks);

    public void RecordHandOff(long stopwatchTicks) => RecordIn(HandOffs, stopwatchTicks);

    public void RecordHold(long stopwatchTicks) => RecordIn(Holds, stopwatchTicks);

    public Counts Snapshot() => new(Interlocked.Read(ref _attempts), Interlocked.Read(ref _ok), Interlocked.Read(ref _fail));

    private void RecordIn(LatencyHistogram histogram, long stopwatchTicks)
    {
        if (_recording)
        {
            histogram.Record(stopwatchTicks);
        }
    }

    public readonly record struct Counts(long Attempts, long Ok, long Fail)
    {
        public static Counts operator -(Counts a, Counts b) => new(a.Attempts - b.Attempts, a.Ok - b.Ok, a.Fail - b.Fail);
    }
}
