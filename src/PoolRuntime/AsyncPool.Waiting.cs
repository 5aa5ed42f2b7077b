using System;
using System.Threading;
using PoolRuntime.Diagnostics;
using PoolRuntime.Waiting;

namespace PoolRuntime;

public sealed partial class AsyncPool<T>
{
    /// <summary>The token of a queued waiter fired: it leaves the queue at once, unless an item already reached it.</summary>
    internal void OnWaiterCanceled(Waiter<T> waiter)
    {
        lock (_sync)
        {
            if (!waiter.CancellationToken.IsCancellationRequested || !_waiters.Remove(waiter))
            {
                return;
            }
        }

        waiter.Fail(new OperationCanceledException(waiter.CancellationToken));
    }

    /// <summary>The wait-timeout timer fired: every waiter past its deadline leaves the queue and is told "timed out".</summary>
    private void OnWaitTimeoutsDue()
    {
        Waiter<T>? expired;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetTimestamp();
            expired = _waiters.RemoveExpired(now, out var nextDeadline);
            _timeouts.Rearm(nextDeadline, now);
        }

        while (expired is not null)
        {
            // Read the link first: once completed, the node may be recycled into a new wait at once.
            var next = expired.Next;
            expired.Next = null;
            PoolMetrics.CountTimeout(_nameTag); // first: a caller that sees its timeout also sees it counted (and it cannot throw)
            expired.Complete(null);
            expired = next;
        }
    }

    /// <summary>A waiter's result was consumed: keep the node for the next wait.</summary>
    internal void RecycleWaiter(Waiter<T> waiter)
    {
        if (!Volatile.Read(ref _disposed))
        {
            _waiters.ReturnNode(waiter);
        }
    }

    internal PoolExhaustedException CreateExhaustedException(TimeSpan waited)
        => new(Name, waited, MaxSize, InUseCount, IdleCount, WaitingCount);
}
