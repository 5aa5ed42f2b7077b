using System.Collections.Concurrent;

namespace PoolSoak;

/// <summary>What the workers did, and every broken invariant, in words.</summary>
public sealed class SoakCounters
{
    private const int MaxViolationsKept = 50;

    private readonly ConcurrentQueue<string> _violations = new();
    private int _violationCount;
    private long _operations;
    private long _pings;
    private long _cancelled;
    private long _timedOut;
    private long _exhausted;
    private long _createFailures;
    private long _discards;
    private long _slowestTicks;

    public long Operations => Interlocked.Read(ref _operations);

    public long Pings => Interlocked.Read(ref _pings);

    public long Cancelled => Interlocked.Read(ref _cancelled);

    public long TimedOut => Interlocked.Read(ref _timedOut);

    public long Exhausted => Interlocked.Read(ref _exhausted);

    public long CreateFailures => Interlocked.Read(ref _createFailures);

    public long Discards => Interlocked.Read(ref _discards);

    public TimeSpan SlowestCheckout => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    public int ViolationCount => Volatile.Read(ref _violationCount);

    public IReadOnlyList<string> Violations => [.. _violations];

    public void Operation() => Interlocked.Increment(ref _operations);

    public void Ping() => Interlocked.Increment(ref _pings);

    public void Cancel() => Interlocked.Increment(ref _cancelled);

    public void Timeout() => Interlocked.Increment(ref _timedOut);

    public void Exhaust() => Interlocked.Increment(ref _exhausted);

    public void CreateFailure() => Interlocked.Increment(ref _createFailures);

    public void Discard() => Interlocked.Increment(ref _discards);

    public void Checkout(TimeSpan took)
    {
        long seen;
        while ((seen = Interlocked.Read(ref _slowestTicks)) < took.Ticks
               && Interlocked.CompareExchange(ref _slowestTicks, took.Ticks, seen) != seen)
        {
        }
    }

    public void Violation(string what)
    {
        if (Interlocked.Increment(ref _violationCount) <= MaxViolationsKept)
        {
            _violations.Enqueue(what);
        }
    }
}
