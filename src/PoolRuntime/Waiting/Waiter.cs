using System;
using System.Threading;
using System.Threading.Tasks.Sources;
using PoolRuntime.Internal;
using PoolRuntime.Items;

namespace PoolRuntime.Waiting;

/// <summary>
/// One waiting caller: a reusable <see cref="IValueTaskSource{TResult}"/> over
/// <see cref="ManualResetValueTaskSourceCore{TResult}"/>, so a wait allocates nothing once the pool has warmed its
/// free list. A timed wait only records its deadline: the pool's one timer (<see cref="WaitTimeouts"/>) ends it, so it
/// needs no <see cref="CancellationTokenSource"/> and no timer of its own.
/// </summary>
/// <remarks>
/// Protocol: the pool enqueues and arms the node under its lock; whoever later removes the node from the queue (a
/// returner handing over an item, the timeout pass, the caller's token, or disposal) owns its completion and calls
/// <see cref="Complete"/>, <see cref="TimeOutThroughThreadPool"/> or <see cref="Fail"/> exactly once, outside the lock.
/// The caller's <c>GetResult</c> recycles it.
/// </remarks>
internal sealed class Waiter<T> : IValueTaskSource<PoolLease<T>>, IValueTaskSource<T?>
#if NET
    , IThreadPoolWorkItem
#endif
    where T : class
{
#if !NET
    private static readonly WaitCallback TimeOutCallback = static state => ((Waiter<T>)state!).TimeOutNow();
#endif

    private static readonly Action<object?> OnCanceled = static state =>
    {
        var waiter = (Waiter<T>)state!;
        waiter._pool.OnWaiterCanceled(waiter);
    };

    private readonly AsyncPool<T> _pool;
    private ManualResetValueTaskSourceCore<PooledItem<T>?> _core;
    private CancellationTokenRegistration _registration;

    public Waiter(AsyncPool<T> pool)
    {
        _pool = pool;
    }

    // Queue links and the free list, guarded by the pool's lock (see WaiterQueue).
    internal Waiter<T>? Next { get; set; }

    internal Waiter<T>? Previous { get; set; }

    internal bool IsQueued { get; set; }

    public WaitKind Kind { get; private set; }

    public TimeSpan Timeout { get; private set; }

    public long StartedAt { get; private set; }

    /// <summary>Timestamp at which the wait times out; <see cref="long.MaxValue"/> when it never does.</summary>
    public long Deadline { get; private set; }

    public CancellationToken CancellationToken { get; private set; }

    /// <summary>With leak detection on: where the waiting caller called from, handed to the item it gets.</summary>
    public string? RentStack { get; set; }

    public short Version => _core.Version;

    /// <summary>Records the deadline and listens to the token. Called under the pool's lock, right after enqueueing.</summary>
    public void Arm(WaitKind kind, TimeSpan timeout, long now, long timestampFrequency, CancellationToken cancellationToken)
    {
        // Never run the caller's continuation on the returner's stack: a chain of returns would recurse through
        // every waiter, and a returner inside a lock would run user code there. Set on every wait, because a timeout
        // (TimeOutThroughThreadPool) turns it off for the one completion it makes from a work item of its own.
        _core.RunContinuationsAsynchronously = true;
        Kind = kind;
        Timeout = timeout;
        StartedAt = now;
        CancellationToken = cancellationToken;
        Deadline = timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : TimeConversions.AddSaturating(now, TimeConversions.ToTimestampTicks(timeout, timestampFrequency));

        if (cancellationToken.CanBeCanceled)
        {
#if NET
            _registration = cancellationToken.UnsafeRegister(OnCanceled, this);
#else
            _registration = cancellationToken.Register(OnCanceled, this);
#endif
        }
    }

    /// <summary>Moves the deadline later, by the clock skew between concurrent rents at most (see <see cref="WaiterQueue{T}.OnDeadlineSet"/>).</summary>
    public void RaiseDeadline(long deadline) => Deadline = deadline;

    /// <summary>Ends the wait with an item, or with <see langword="null"/> for a timeout. Outside the pool's lock.</summary>
    public void Complete(PooledItem<T>? item)
    {
        Disarm();
        _core.SetResult(item);
    }

    /// <summary>
    /// Ends the wait with a timeout from a work item of its own in the thread pool's global queue. Outside the pool's lock.
    /// </summary>
    /// <remarks>
    /// Why not <see cref="Complete"/>: the timeout pass ends a batch of waiters on the timer's thread-pool thread,
    /// and a plain asynchronous completion queues each caller's continuation to that thread's local queue. On a busy
    /// machine the whole batch can then run ahead of work already waiting in the global queue, such as the I/O
    /// completion of the request whose holder is about to return an item, delaying the returns that would serve the
    /// callers still waiting. Queued globally, one work item per timed-out caller takes its turn in arrival order, as
    /// SemaphoreSlim's and Channel's timeouts do. Measured on the main job under load, this removed AsyncPool's
    /// collapsed rounds (docs/benchmarks/overload.md, hypothesis 8).
    /// </remarks>
    public void TimeOutThroughThreadPool()
    {
        Disarm();
#if NET
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
#else
        ThreadPool.UnsafeQueueUserWorkItem(TimeOutCallback, this);
#endif
    }

#if NET
    void IThreadPoolWorkItem.Execute() => TimeOutNow();
#endif

    /// <summary>Ends the wait with an error (cancellation, disposal, a failed creation). Outside the pool's lock.</summary>
    public void Fail(Exception error)
    {
        Disarm();
        _core.SetException(error);
    }

    PoolLease<T> IValueTaskSource<PoolLease<T>>.GetResult(short token)
    {
        var item = ConsumeResult(token, out var timedOutAfter);
        return item is null
            ? throw _pool.CreateExhaustedException(timedOutAfter)
            : new PoolLease<T>(item, item.LeaseId);
    }

    T? IValueTaskSource<T?>.GetResult(short token)
    {
        var kind = Kind;
        var item = ConsumeResult(token, out var timedOutAfter);
        if (item is not null)
        {
            return item.Value;
        }

        return kind == WaitKind.TryTake ? null : throw _pool.CreateExhaustedException(timedOutAfter);
    }

    ValueTaskSourceStatus IValueTaskSource<PoolLease<T>>.GetStatus(short token) => _core.GetStatus(token);

    ValueTaskSourceStatus IValueTaskSource<T?>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<PoolLease<T>>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource<T?>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);

    private PooledItem<T>? ConsumeResult(short token, out TimeSpan waited)
    {
        waited = Timeout;

        // A wrong token (a ValueTask awaited twice) throws here; so does reading .Result of a wait still pending.
        // Neither may reset or recycle the node: it belongs to a live wait.
        if (_core.GetStatus(token) == ValueTaskSourceStatus.Pending)
        {
            throw new InvalidOperationException(
                "The pool's wait has not completed: read a pending RentAsync/TakeAsync/TryTakeAsync result only by awaiting it, and await it once.");
        }

        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            // Same order as System.Threading.Channels: reset first, then make the node available again.
            _core.Reset();
            CancellationToken = default;
            _pool.RecycleWaiter(this);
        }
    }

    private void TimeOutNow()
    {
        // Already on a work item of its own: run the caller's continuation here instead of queueing a second one.
        // Nothing may touch the node after SetResult, as the continuation may recycle it into a new wait at once.
        _core.RunContinuationsAsynchronously = false;
        _core.SetResult(null);
    }

    private void Disarm()
    {
        // Waits for a cancellation callback running on another thread (it finds the node gone and returns), never for
        // one running on this thread: that is the callback completing the node itself.
        _registration.Dispose();
        _registration = default;
    }
}
