using System;
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

    /// <summary>The timer of a waiter fired. It may be early (coarse timer clock) or left over from the node's previous wait.</summary>
    internal void OnWaiterTimerFired(Waiter<T> waiter)
    {
        lock (_sync)
        {
            if (!waiter.IsQueued)
            {
                return;
            }

            var now = _time.GetTimestamp();
            if (now < waiter.Deadline)
            {
                waiter.RearmTimer(_time.GetElapsedTime(now, waiter.Deadline));
                return;
            }

            _waiters.Remove(waiter);
        }

        PoolMetrics.Timeouts.Add(1, _nameTag);
        waiter.Complete(null);
    }

    /// <summary>A waiter's result was consumed: keep the node for the next wait.</summary>
    internal void RecycleWaiter(Waiter<T> waiter)
    {
        lock (_sync)
        {
            if (!_disposed)
            {
                _waiters.ReturnNode(waiter);
                return;
            }
        }

        waiter.DisposeTimer();
    }

    internal PoolExhaustedException CreateExhaustedException(TimeSpan waited)
        => new(Name, waited, MaxSize, InUseCount, IdleCount, WaitingCount);
}
