using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using PoolRuntime.Diagnostics;
using PoolRuntime.Internal;
using PoolRuntime.Items;
using PoolRuntime.Waiting;

namespace PoolRuntime;

public sealed partial class AsyncPool<T>
{
    /// <summary>
    /// Rents an item, waiting up to <see cref="WaitTimeout"/> without blocking a thread. Throws
    /// <see cref="PoolExhaustedException"/> when the wait times out.
    /// </summary>
    public ValueTask<PoolLease<T>> RentAsync(CancellationToken cancellationToken = default) => RentAsync(WaitTimeout, cancellationToken);

    /// <summary>
    /// Rents an item, waiting up to <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/>: for ever;
    /// <see cref="TimeSpan.Zero"/>: not at all) without blocking a thread. Throws <see cref="PoolExhaustedException"/>
    /// when the wait times out, <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public ValueTask<PoolLease<T>> RentAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        OptionsValidator.CheckTimeout(timeout, nameof(timeout));
        if (TryRentFast(cancellationToken, out var item))
        {
            return new ValueTask<PoolLease<T>>(new PoolLease<T>(item, item.LeaseId));
        }

        var start = StartRent(WaitKind.Lease, timeout, cancellationToken);
        return start.Waiter is { } waiter ? new ValueTask<PoolLease<T>>(waiter, waiter.Version) : start.Lease;
    }

    /// <summary>
    /// Rents an idle item if there is one; never waits and never creates. Does not run
    /// <see cref="AsyncPoolOptions{T}.Validate"/> (it cannot wait for it), but skips items past their lifetime.
    /// </summary>
    public bool TryRent(out PoolLease<T> lease)
    {
        var now = _rentNeedsClock || MetricsNeedClock ? _time.GetTimestamp() : 0;
        PooledItem<T>? item;
        List<PooledItem<T>>? expired = null;
        var rentStack = CaptureRentStack();
        lock (_sync)
        {
            ThrowIfDisposedLocked();
            item = PopIdleLocked(now, ref expired);
            if (item is not null)
            {
                item.RentStack = rentStack;
            }
        }

        DisposeExpired(expired);
        if (item is null)
        {
            lease = default;
            return false;
        }

        lease = new PoolLease<T>(item, item.LeaseId);
        return true;
    }

    /// <summary>
    /// The hot path: an idle item, when nothing about this pool needs a clock on rent (no validation, no lifetime, no
    /// timing metric listened to). Everything else is left to <see cref="StartRent"/>, which also reports a cancelled
    /// token, so an idle item never hides one. Callers check the timeout argument first, for the same reason.
    /// </summary>
    private bool TryRentFast(CancellationToken cancellationToken, [NotNullWhen(true)] out PooledItem<T>? item)
    {
        if (_rentNeedsClock || MetricsNeedClock || cancellationToken.IsCancellationRequested)
        {
            item = null;
            return false;
        }

        // No lock: the idle stack pops lock-free. A pool disposed meanwhile drains the stack, so a rent that races
        // with disposal gets an item it will hand back to a disposed pool (which disposes it), or finds none and
        // learns of the disposal on the locked path.
        item = Volatile.Read(ref _disposed) ? null : _idle.TryPop();
        if (item is null)
        {
            return false;
        }

        item.MarkRented();
        item.RentedAt = 0;
        return true;
    }

    /// <summary>
    /// The one rent algorithm behind every verb: an idle item, else a new one if there is room, else a place in the
    /// queue. Returns a waiter (still to be wrapped in the verb's own ValueTask type) or a finished or slow-path lease.
    /// </summary>
    private RentStart StartRent(WaitKind kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return new RentStart(Completed.Canceled<PoolLease<T>>(cancellationToken));
        }

        var now = _rentNeedsClock || MetricsNeedClock ? _time.GetTimestamp() : 0;
        var rentStack = CaptureRentStack();
        PooledItem<T>? item;
        Waiter<T>? waiter = null;
        List<PooledItem<T>>? expired = null;
        var mayCreate = false;
        lock (_sync)
        {
            ThrowIfDisposedLocked();
            item = PopIdleLocked(now, ref expired);
            if (item is not null)
            {
                item.RentStack = rentStack;
            }
            else
            {
                if (_factory is not null && _live + _creating < MaxSize)
                {
                    _creating++;
                    mayCreate = true;
                }
                else if (timeout != TimeSpan.Zero)
                {
                    var startedAt = now != 0 ? now : _time.GetTimestamp();
                    waiter = _waiters.RentNode(this);
                    waiter.RentStack = rentStack;
                    _waiters.Enqueue(waiter);
                    try
                    {
                        waiter.Arm(kind, timeout, startedAt, _time.TimestampFrequency, cancellationToken);
                        _timeouts.OnEnqueued(waiter.Deadline, startedAt);
                    }
                    catch
                    {
                        _waiters.Remove(waiter); // an orphan in the queue would swallow the next returned item
                        throw;
                    }
                }
            }
        }

        DisposeExpired(expired);

        if (item is not null)
        {
            if (_validate is not null && now - item.LastReturnedAt > _validationBypassTicks)
            {
                return new RentStart(ValidateThenLeaseAsync(item, timeout, now, cancellationToken));
            }

            if (PoolMetrics.WaitTime.Enabled)
            {
                PoolMetrics.Record(PoolMetrics.WaitTime, Seconds(now, _time.GetTimestamp()), _nameTag);
            }

            return new RentStart(new ValueTask<PoolLease<T>>(new PoolLease<T>(item, item.LeaseId)));
        }

        if (mayCreate)
        {
            return new RentStart(CreateForCallerAsync(rentStack, cancellationToken));
        }

        if (waiter is not null)
        {
            return new RentStart(waiter);
        }

        // A zero timeout and nothing free: the answer is "no", at once.
        PoolMetrics.CountTimeout(_nameTag);
        return kind == WaitKind.TryTake
            ? RentStart.TimedOut
            : new RentStart(Completed.Faulted<PoolLease<T>>(CreateExhaustedException(TimeSpan.Zero)));
    }

    /// <summary>With leak detection on, where this rent was called from (the cost of the opt-in: a stack trace per rent).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private string? CaptureRentStack() =>
        _leakThresholdTicks > 0 ? new System.Diagnostics.StackTrace(skipFrames: 1, fNeedFileInfo: true).ToString() : null;

    /// <summary>Pops the newest idle item that is not past its lifetime, dropping the expired ones. Under the lock.</summary>
    private PooledItem<T>? PopIdleLocked(long now, ref List<PooledItem<T>>? expired)
    {
        while (_idle.TryPop() is { } item)
        {
            if (now < item.ExpiresAt)
            {
                item.MarkRented();
                item.RentedAt = now;
                return item;
            }

            RemoveLocked(item);
            (expired ??= []).Add(item);
        }

        return null;
    }

    private void DisposeExpired(List<PooledItem<T>>? expired)
    {
        if (expired is null)
        {
            return;
        }

        foreach (var item in expired)
        {
            DisposeItem(item.Value);
        }
    }

    /// <summary>The slow path for an item idle longer than the bypass window: check it, and rent another if it fails.</summary>
    private async ValueTask<PoolLease<T>> ValidateThenLeaseAsync(PooledItem<T> item, TimeSpan timeout, long startedAt, CancellationToken cancellationToken)
    {
        bool healthy;
        try
        {
            healthy = await _validate!(item.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Return(item, item.LeaseId, stamp: item.LastReturnedAt); // still unchecked: the next rent validates it
            throw;
        }
#pragma warning disable CA1031 // A health check that throws has found a broken item: that is its answer, not an error of the rent.
        catch (Exception)
#pragma warning restore CA1031
        {
            healthy = false;
        }

        if (healthy)
        {
            return new PoolLease<T>(item, item.LeaseId);
        }

        Discard(item, item.LeaseId);
        return await RentAsync(Remaining(timeout, startedAt), cancellationToken).ConfigureAwait(false);
    }

    private TimeSpan Remaining(TimeSpan timeout, long startedAt)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return timeout;
        }

        var left = timeout - _time.GetElapsedTime(startedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>How a rent began: with a waiter to wrap, a lease (finished or on a slow path), or an immediate timeout.</summary>
    private readonly struct RentStart
    {
        public static readonly RentStart TimedOut = new(isTimedOut: true);

        public RentStart(ValueTask<PoolLease<T>> lease) => Lease = lease;

        public RentStart(Waiter<T> waiter) => Waiter = waiter;

        private RentStart(bool isTimedOut) => IsTimedOut = isTimedOut;

        public ValueTask<PoolLease<T>> Lease { get; }

        public Waiter<T>? Waiter { get; }

        public bool IsTimedOut { get; }
    }
}
