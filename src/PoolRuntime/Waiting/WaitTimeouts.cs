using System;
using System.Threading;
using PoolRuntime.Internal;

namespace PoolRuntime.Waiting;

/// <summary>
/// One timer for all the pool's waiters, instead of one per wait. It is set for the earliest deadline in the queue and
/// left alone when that waiter is served; when it fires, every waiter past its deadline leaves the queue at once and
/// the timer moves to the next deadline, at least 10 ms later. Waits with the pool's usual timeout queue in deadline
/// order, so in steady state a wait touches no timer at all (a per-wait timer costs two trips through the runtime's
/// timer queue lock).
/// Not thread-safe: the pool's lock guards it.
/// </summary>
internal sealed class WaitTimeouts : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private long _dueAt = long.MaxValue;

    // After a pass the timer waits at least this long before the next one, so that waiters whose deadlines fall close
    // together leave in one batch. Under overload (thousands of waiters timing out and coming back) the timer otherwise
    // fired about once a millisecond, and each firing woke thread-pool threads that spun before sleeping again: a
    // timed-out wait cost about 33 us of CPU, against 12 us with passes at least 10 ms apart (docs/benchmarks/overload.md).
    // A wait may so leave the queue up to 10 ms after its deadline (its caller resumes later still, by the timer's and
    // the thread pool's delay), never before; a wait that joins after a pass with an earlier deadline still re-arms the
    // timer for that deadline.
    private static readonly TimeSpan MinimumPassInterval = TimeSpan.FromMilliseconds(10);
    private readonly long _minimumPassIntervalTicks;

    public WaitTimeouts(TimeProvider time, TimerCallback onFired, object state)
    {
        _time = time;
        _minimumPassIntervalTicks = TimeConversions.ToTimestampTicks(MinimumPassInterval, time.TimestampFrequency);
        _timer = Timers.CreateUnflowed(time, onFired, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A waiter with this deadline joined the queue: fire no later than it.</summary>
    public void OnEnqueued(long deadline, long now)
    {
        if (deadline < _dueAt)
        {
            ArmFor(deadline, now);
        }
    }

    /// <summary>After a pass over the queue: fire next at <paramref name="nextDeadline"/> (<see cref="long.MaxValue"/>: no waiter has one).</summary>
    public void Rearm(long nextDeadline, long now)
    {
        if (nextDeadline == long.MaxValue)
        {
            _dueAt = long.MaxValue;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        ArmFor(Math.Max(nextDeadline, TimeConversions.AddSaturating(now, _minimumPassIntervalTicks)), now);
    }

    public void Dispose() => _timer.Dispose();

    private void ArmFor(long deadline, long now)
    {
        _dueAt = deadline;

        // A timer clock coarser than the timestamp may fire a little early; the pass then finds nothing due and re-arms.
        var wait = deadline > now ? _time.GetElapsedTime(now, deadline) : TimeSpan.Zero;
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }
}
