namespace PoolBenchmark;

/// <summary>The counters and the checkout-wait histogram a child's workers update, and snapshots of them.</summary>
public sealed class Measurement
{
    // Log-scaled buckets: bucket i holds waits up to 1.2^i microseconds (about 4 minutes at the top).
    private const double Growth = 1.2;
    private readonly long[] _waits = new long[120];
    private long _attempts;
    private long _ok;
    private long _fail;
    private volatile bool _recordingWaits;

    private int _started;

    public int Started => Volatile.Read(ref _started);

    public void WorkerStarted() => Interlocked.Increment(ref _started);

    public void Attempt() => Interlocked.Increment(ref _attempts);

    public void Ok() => Interlocked.Increment(ref _ok);

    public void Fail() => Interlocked.Increment(ref _fail);

    public void StartRecordingWaits() => _recordingWaits = true;

    public void RecordWait(TimeSpan wait)
    {
        if (!_recordingWaits)
        {
            return;
        }

        var microseconds = Math.Max(1, wait.TotalMicroseconds);
        var bucket = Math.Min(_waits.Length - 1, (int)Math.Ceiling(Math.Log(microseconds) / Math.Log(Growth)));
        Interlocked.Increment(ref _waits[bucket]);
    }

    public Counts Snapshot() => new(Interlocked.Read(ref _attempts), Interlocked.Read(ref _ok), Interlocked.Read(ref _fail));

    /// <summary>The wait (in milliseconds) below which <paramref name="quantile"/> of the recorded checkouts fell; null when none was recorded.</summary>
    public double? WaitPercentile(double quantile)
    {
        var counts = _waits.ToArray();
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var target = quantile * total;
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= target)
            {
                return Math.Pow(Growth, i) / 1000.0;
            }
        }

        return Math.Pow(Growth, counts.Length - 1) / 1000.0;
    }

    public readonly record struct Counts(long Attempts, long Ok, long Fail)
    {
        public static Counts operator -(Counts a, Counts b) => new(a.Attempts - b.Attempts, a.Ok - b.Ok, a.Fail - b.Fail);
    }
}
