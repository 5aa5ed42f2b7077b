using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using PoolRuntime.Creation;
using PoolRuntime.Diagnostics;
using PoolRuntime.Internal;
using PoolRuntime.Items;
using PoolRuntime.Waiting;

namespace PoolRuntime.Core;

/// <summary>
/// The pool's state and every change to it: the lock, the idle stack, the waiter queue, the item records and the
/// live/creating counts. Rent, return and the hand-off to a waiter are here, hot path first; the slow paths (waiting,
/// creation, validation, maintenance, shutdown) live in their own types and change this state only through the
/// locked methods below. Each locked method leaves its effects that run user code (completing a waiter, disposing an
/// item, starting a creation, recording a metric) in a <see cref="Handoff{T}"/> that <see cref="Finish"/> runs after the
/// lock is released.
/// </summary>
/// <remarks>
/// Invariants, checked after every locked change in DEBUG builds (<see cref="AssertInvariantsLocked"/>):
/// live = idle + in use = the number of item records; live + creating ≤ MaxSize; replacing ≤ creating; no item is
/// idle while a caller waits; a disposed pool has neither idle items nor waiters.
/// </remarks>
#pragma warning disable CA1001 // The timeout timer is disposed by Close, the pool's disposal; the core has no other end of life.
internal sealed class PoolCore<T>
#pragma warning restore CA1001
    where T : class
{
    // Guards every mutable field below. Held only for bookkeeping (O(1), or O(MaxSize) for a maintenance pass), never
    // while user code runs, a waiter is completed or an item is disposed.
    private readonly object _sync = new();
    private readonly IdleStack<T> _idle;
    private readonly WaiterQueue<T> _waiters;
    private readonly WaitTimeouts _timeouts;
    private readonly Dictionary<T, PooledItem<T>> _items = new(ReferenceComparer<T>.Instance);
    private readonly Random _jitter = new();

    private readonly AsyncPool<T> _pool;
    private readonly TimeProvider _time;
    private readonly ItemDisposer<T> _disposer;
    private readonly ItemValidator<T>? _validator;
    private readonly long _maxLifetimeTicks;
    private readonly int _minSize;
    private readonly KeyValuePair<string, object?> _nameTag;

    // Something on rent or return needs the precise clock (validation's bypass window, lifetimes, leak detection,
    // the service order under overload).
    private readonly bool _needsClock;

    // Serve the newest waiter while the oldest has waited longer than this (0: always the oldest). See AsyncPoolOptions.ServeNewestFirstAfter.
    private readonly long _serveNewestAfterTicks;

    private long _coarseNow; // the time of the last maintenance pass (see ReturnTimestamp)
    private int _live;      // idle + in use
    private int _creating;  // creations under way; they count against MaxSize
    private int _replacing; // of those, the ones started on behalf of waiters
    private bool _disposed;

    public PoolCore(AsyncPool<T> pool, AsyncPoolOptions<T> options, bool hasFactory, ItemDisposer<T> disposer)
    {
        _pool = pool;
        _time = options.TimeProvider;
        _disposer = disposer;
        MaxSize = options.MaxSize;
        _minSize = options.MinSize;
        _nameTag = PoolMetrics.NameTag(pool.Name);
        _idle = new IdleStack<T>(MaxSize);
        _waiters = new WaiterQueue<T>(_time.TimestampFrequency);
        _timeouts = new WaitTimeouts(_time, static state => ((PoolCore<T>)state!).OnWaitTimeoutsDue(), this);
        if (options.Validate is { } validate)
        {
            _validator = new ItemValidator<T>(validate, TimeConversions.ToTimestampTicks(options.ValidationBypassWindow, _time.TimestampFrequency));
        }

        // Without a factory the pool cannot recreate what it drops, so its items never expire.
        _maxLifetimeTicks = hasFactory && options.MaxLifetime is { } lifetime ? TimeConversions.ToTimestampTicks(lifetime, _time.TimestampFrequency) : 0;
        LeakThresholdTicks = options.LeakDetectionThreshold is { } leak ? TimeConversions.ToTimestampTicks(leak, _time.TimestampFrequency) : 0;
        _serveNewestAfterTicks = options.ServeNewestFirstAfter is { } overload ? TimeConversions.ToTimestampTicks(overload, _time.TimestampFrequency) : 0;
        _needsClock = _validator is not null || _maxLifetimeTicks > 0 || LeakThresholdTicks > 0 || _serveNewestAfterTicks > 0;
        _coarseNow = _time.GetTimestamp();
    }

    public int MaxSize { get; }

    public TimeProvider Time => _time;

    /// <summary>Leases held longer than this (in timestamp ticks) are leaks; 0: leak detection off.</summary>
    public long LeakThresholdTicks { get; }

    /// <summary>Creates the items of a pool with a factory; null for a pool that holds only what Add puts in.</summary>
    public ItemCreation<T>? Creation { get; set; }

    public int LiveCount => Volatile.Read(ref _live);

    public int IdleCount => _idle.Count;

    /// <summary>Rented items: live minus idle (never below 0 when read without the lock, as a lock-free rent races the two counts).</summary>
    public int InUseCount => Math.Max(0, LiveCount - IdleCount);

    public int WaitingCount => _waiters.Count;

    public int CreatingCount => Volatile.Read(ref _creating);

    // ---- Rent: the hot path first ----

    /// <summary>
    /// The hot path: an idle item, without the lock, when nothing about this pool needs a clock on rent (no
    /// validation, no lifetime, no leak detection, no timing metric listened to). Everything else is left to
    /// <see cref="StartRent"/>, which also reports a cancelled token, so an idle item never hides one. Callers check
    /// the timeout argument first, for the same reason.
    /// </summary>
    public bool TryRentFast(CancellationToken cancellationToken, [NotNullWhen(true)] out PooledItem<T>? item)
    {
        if (_needsClock || PoolMetrics.TimingListened || cancellationToken.IsCancellationRequested)
        {
            item = null;
            return false;
        }

        // A pool disposed meanwhile drains the stack, so a rent that races with disposal gets an item it will hand
        // back to a disposed pool (which disposes it), or finds none and learns of the disposal on the locked path.
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
    public RentStart<T> StartRent(WaitKind kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return new RentStart<T>(Completed.Canceled<PoolLease<T>>(cancellationToken));
        }

        var now = RentTimestamp();
        var rentStack = CaptureRentStack();
        PooledItem<T>? item;
        Waiter<T>? waiter = null;
        List<PooledItem<T>>? expired = null;
        var mayCreate = false;
        lock (_sync)
        {
            ThrowIfDisposedLocked();
            item = PopIdleLocked(now, rentStack, ref expired);
            if (item is null)
            {
                if (Creation is not null && _live + _creating < MaxSize)
                {
                    _creating++;
                    mayCreate = true;
                }
                else if (timeout != TimeSpan.Zero)
                {
                    waiter = EnqueueLocked(kind, timeout, now != 0 ? now : _time.GetTimestamp(), rentStack, cancellationToken);
                }
            }

            AssertInvariantsLocked();
        }

        DisposeAll(expired);

        if (item is not null)
        {
            if (_validator is { } validator && validator.NeedsCheck(item, now))
            {
                return new RentStart<T>(validator.ValidateThenLeaseAsync(this, item, timeout, now, cancellationToken));
            }

            PoolMetrics.Rented(_nameTag, _time, now);

            return new RentStart<T>(new ValueTask<PoolLease<T>>(new PoolLease<T>(item, item.LeaseId)));
        }

        if (mayCreate)
        {
            return new RentStart<T>(Creation!.CreateForCallerAsync(rentStack, cancellationToken));
        }

        if (waiter is not null)
        {
            return new RentStart<T>(waiter);
        }

        // A zero timeout and nothing free: the answer is "no", at once.
        PoolMetrics.TimedOut(_nameTag);
        return kind == WaitKind.TryTake
            ? RentStart<T>.TimedOut
            : new RentStart<T>(Completed.Faulted<PoolLease<T>>(CreateExhaustedException(TimeSpan.Zero)));
    }

    /// <summary>Rents an idle item if there is one; never waits and never creates.</summary>
    public bool TryRentIdle([NotNullWhen(true)] out PooledItem<T>? item)
    {
        var now = RentTimestamp();
        var rentStack = CaptureRentStack();
        List<PooledItem<T>>? expired = null;
        lock (_sync)
        {
            ThrowIfDisposedLocked();
            item = PopIdleLocked(now, rentStack, ref expired);
            AssertInvariantsLocked();
        }

        DisposeAll(expired);
        return item is not null;
    }

    /// <summary>As <see cref="AsyncPool{T}.RentAsync(TimeSpan, CancellationToken)"/>: the fast path, else <see cref="StartRent"/>.</summary>
    public ValueTask<PoolLease<T>> RentAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (TryRentFast(cancellationToken, out var item))
        {
            return new ValueTask<PoolLease<T>>(new PoolLease<T>(item, item.LeaseId));
        }

        var start = StartRent(WaitKind.Lease, timeout, cancellationToken);
        return start.Waiter is { } waiter ? new ValueTask<PoolLease<T>>(waiter, waiter.Version) : start.Lease;
    }

    /// <summary>Pops the newest idle item that is not past its lifetime, dropping the expired ones.</summary>
    private PooledItem<T>? PopIdleLocked(long now, string? rentStack, ref List<PooledItem<T>>? expired)
    {
        Debug.Assert(Monitor.IsEntered(_sync), "the pool's lock is held");
        while (_idle.TryPop() is { } item)
        {
            if (now < item.ExpiresAt)
            {
                item.MarkRented();
                item.RentedAt = now;
                item.RentStack = rentStack;
                return item;
            }

            RemoveLocked(item);
            (expired ??= []).Add(item);
        }

        return null;
    }

    private Waiter<T> EnqueueLocked(WaitKind kind, TimeSpan timeout, long startedAt, string? rentStack, CancellationToken cancellationToken)
    {
        Debug.Assert(Monitor.IsEntered(_sync), "the pool's lock is held");
        var waiter = _waiters.RentNode(_pool);
        waiter.RentStack = rentStack;
        _waiters.Enqueue(waiter);
        try
        {
            waiter.Arm(kind, timeout, startedAt, _time.TimestampFrequency, cancellationToken);
            _waiters.OnDeadlineSet(waiter);
            _timeouts.OnEnqueued(waiter.Deadline, startedAt);
        }
        catch
        {
            _waiters.Remove(waiter); // an orphan in the queue would swallow the next returned item
            throw;
        }

        return waiter;
    }

    // ---- Return and hand-off ----

    /// <summary>Gives a leased item back: to the oldest waiter, else to the idle stack. A stale lease id does nothing.</summary>
    public void Return(PooledItem<T> item, long leaseId, long? stamp = null)
    {
        var now = stamp ?? ReturnTimestamp();
        var handoff = default(Handoff<T>);
        lock (_sync)
        {
            var returned = ReturnLocked(item, leaseId, now, ref handoff);
            AssertInvariantsLocked();
            if (!returned)
            {
                return;
            }
        }

        Finish(ref handoff, now);
    }

    /// <summary>Evicts a leased item as broken and frees its slot, so a waiter can have a new one created. A stale lease id does nothing.</summary>
    public void Discard(PooledItem<T> item, long leaseId)
    {
        var handoff = default(Handoff<T>);
        lock (_sync)
        {
            if (item.LeaseId != leaseId || item.State != ItemState.InUse)
            {
                return;
            }

            handoff.RentedAt = item.RentedAt;
            DropLocked(item, ref handoff);
            AssertInvariantsLocked();
        }

        Finish(ref handoff, PoolMetrics.TimingListened ? _time.GetTimestamp() : 0);
    }

    /// <summary>
    /// Puts an item in: gives back one taken with the BlockingCollection-shaped verbs (a double return throws), or
    /// adds a new one while there is room. False when the pool is full and <paramref name="throwWhenFull"/> is false.
    /// </summary>
    public bool Add(T value, bool throwWhenFull)
    {
        var now = ReturnTimestamp();
        var handoff = default(Handoff<T>);
        lock (_sync)
        {
            if (_items.TryGetValue(value, out var known))
            {
                if (known.State == ItemState.Idle)
                {
                    throw new InvalidOperationException(
                        $"This item is already idle in pool '{_pool.Name}': it was given back twice. Give an item back once per Take, " +
                        "or use RentAsync and dispose the lease, which is safe to dispose twice.");
                }

                ReturnLocked(known, known.LeaseId, now, ref handoff);
            }
            else
            {
                ThrowIfDisposedLocked();
                if (_live + _creating >= MaxSize)
                {
                    return throwWhenFull
                        ? throw new InvalidOperationException(
                            $"Pool '{_pool.Name}' is full (MaxSize {MaxSize}: {InUseCount} in use, {IdleCount} idle{(_creating > 0 ? $", {_creating} being created" : string.Empty)}); " +
                            "this item was not added and is still yours. Add gives back items taken from this pool; to hold more, raise MaxSize.")
                        : false;
                }

                HandOffOrIdleLocked(AdmitLocked(value, now), now, ref handoff);
            }

            AssertInvariantsLocked();
        }

        Finish(ref handoff, now);
        return true;
    }

    /// <summary>
    /// The locked half of a return. An item past its lifetime, or coming back to a disposed pool, leaves the pool
    /// (and frees its slot for a waiter); any other goes to the oldest waiter or the idle stack.
    /// </summary>
    private bool ReturnLocked(PooledItem<T> item, long leaseId, long now, ref Handoff<T> handoff)
    {
        Debug.Assert(Monitor.IsEntered(_sync), "the pool's lock is held");
        if (item.LeaseId != leaseId || item.State != ItemState.InUse)
        {
            return false; // returned or discarded already (a second Dispose, or a stale copy of the lease)
        }

        handoff.RentedAt = item.RentedAt;
        if (_disposed || now >= item.ExpiresAt)
        {
            DropLocked(item, ref handoff);
            return true;
        }

        HandOffOrIdleLocked(item, now, ref handoff);
        return true;
    }

    /// <summary>
    /// Gives an item that just became free to the oldest waiter that still wants it, or makes it idle. Waiters whose
    /// token was cancelled in the meantime are skipped (and failed by <see cref="Finish"/>), so the item is never
    /// handed to someone who has gone.
    /// </summary>
    private void HandOffOrIdleLocked(PooledItem<T> item, long now, ref Handoff<T> handoff)
    {
        Debug.Assert(Monitor.IsEntered(_sync), "the pool's lock is held");
        while (NextWaiterLocked(now) is { } waiter)
        {
            if (waiter.CancellationToken.IsCancellationRequested)
            {
                (handoff.Canceled ??= []).Add(waiter);
                continue;
            }

            item.MarkRented();
            item.RentedAt = now;
            item.RentStack = waiter.RentStack;
            handoff.Target = waiter;
            handoff.Item = item;
            return;
        }

        item.MarkIdle(now);
        _idle.Push(item);
    }

    /// <summary>
    /// The waiter a free item goes to: the oldest, or under overload (the oldest has waited longer than
    /// <see cref="AsyncPoolOptions{T}.ServeNewestFirstAfter"/>) the newest.
    /// </summary>
    private Waiter<T>? NextWaiterLocked(long now) =>
        _serveNewestAfterTicks > 0 && _waiters.Oldest is { } oldest && now - oldest.StartedAt > _serveNewestAfterTicks
            ? _waiters.TryDequeueNewest()
            : _waiters.TryDequeue();

    /// <summary>An item leaves the pool for good (broken, expired, or back to a disposed pool): it is disposed, and its slot may go to a waiter's replacement.</summary>
    private void DropLocked(PooledItem<T> item, ref Handoff<T> handoff)
    {
        Debug.Assert(Monitor.IsEntered(_sync), "the pool's lock is held");
        RemoveLocked(item);
        handoff.Removed = item;
        handoff.Replace = TryReserveReplacementLocked();
    }

    /// <summary>Completes what a locked section decided: outside the lock, since it runs continuations and disposals.</summary>
    private void Finish(ref Handoff<T> handoff, long now)
    {
        Debug.Assert(!Monitor.IsEntered(_sync), "effects run outside the pool's lock");
        if (handoff.RentedAt != 0)
        {
            PoolMetrics.Returned(_nameTag, _time, handoff.RentedAt, now);
        }

        if (handoff.Removed is not null)
        {
            _disposer.Dispose(handoff.Removed.Value);
        }

        if (handoff.Replace)
        {
            Creation!.StartReplacement();
        }

        if (handoff.Canceled is not null)
        {
            foreach (var waiter in handoff.Canceled)
            {
                waiter.Fail(new OperationCanceledException(waiter.CancellationToken));
            }
        }

        if (handoff.Target is { } target)
        {
            // Recorded before the waiter resumes, so a caller that got its item sees its wait counted.
            PoolMetrics.Rented(_nameTag, _time, target.StartedAt, now);

            target.Complete(handoff.Item);
        }
    }

    // ---- Waiting: cancellation and timeouts ----

    /// <summary>The token of a queued waiter fired: it leaves the queue at once, unless an item already reached it.</summary>
    public void OnWaiterCanceled(Waiter<T> waiter)
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
            PoolMetrics.TimedOut(_nameTag); // first: a caller that sees its timeout also sees it counted (and it cannot throw)
            expired.TimeOutThroughThreadPool();
            expired = next;
        }
    }

    /// <summary>A waiter's result was consumed: keep the node for the next wait.</summary>
    public void RecycleWaiter(Waiter<T> waiter)
    {
        if (!Volatile.Read(ref _disposed))
        {
            _waiters.ReturnNode(waiter);
        }
    }

    public PoolExhaustedException CreateExhaustedException(TimeSpan waited)
    {
        return new(_pool.Name, waited, MaxSize, InUseCount, IdleCount, _waiters.Count);
    }

    // ---- Creation's bookkeeping (the creations themselves run in ItemCreation) ----

    /// <summary>Reserves the creations that bring the pool up to MinSize; returns how many.</summary>
    public int ReserveUpToMinSize()
    {
        lock (_sync)
        {
            ThrowIfDisposedLocked();
            return ReserveUpToMinSizeLocked();
        }
    }

    private int ReserveUpToMinSizeLocked()
    {
        Debug.Assert(Monitor.IsEntered(_sync), "the pool's lock is held");
        var count = Math.Max(0, _minSize - (_live + _creating));
        _creating += count;
        AssertInvariantsLocked();
        return count;
    }

    /// <summary>Reserves a creation for the waiters when a slot frees up while they wait.</summary>
    private bool TryReserveReplacementLocked()
    {
        Debug.Assert(Monitor.IsEntered(_sync), "the pool's lock is held");
        if (Creation is null || _disposed || _waiters.Count <= _replacing || _live + _creating >= MaxSize)
        {
            return false;
        }

        _creating++;
        _replacing++;
        return true;
    }

    /// <summary>
    /// A reserved creation produced an item: it joins the pool, rented to the caller that created it or handed to the
    /// oldest waiter (or made idle). Throws when the pool was disposed meanwhile (the item is disposed) or the factory
    /// returned an item the pool already holds (the reservation is then released by <see cref="OnCreateFailed"/>).
    /// </summary>
    public PooledItem<T> OnCreated(T value, CreationRecipient recipient)
    {
        var now = _time.GetTimestamp();
        var handoff = default(Handoff<T>);
        PooledItem<T>? item = null;
        bool disposed;
        lock (_sync)
        {
            disposed = _disposed;
            var duplicate = !disposed && _items.ContainsKey(value);
            if (!duplicate)
            {
                // A duplicate keeps its reservation until OnCreateFailed releases it below.
                ReleaseReservationLocked(recipient);
            }

            if (!disposed && !duplicate)
            {
                item = AdmitLocked(value, now);
                if (recipient == CreationRecipient.Caller)
                {
                    item.MarkRented();
                    item.RentedAt = now;
                }
                else
                {
                    HandOffOrIdleLocked(item, now, ref handoff);
                }
            }

            AssertInvariantsLocked();
        }

        if (disposed)
        {
            _disposer.Dispose(value);
            throw new ObjectDisposedException(typeof(AsyncPool<T>).Name, $"Pool '{_pool.Name}' was disposed while an item was being created; the new item was disposed.");
        }

        if (item is null)
        {
            // The factory handed back an item the pool already holds (a cached instance?): a failed creation, which
            // frees the slot and wakes a waiter like any other.
            var error = new InvalidOperationException($"The factory of pool '{_pool.Name}' returned an item that is already in the pool; it must create a new item on every call.");
            OnCreateFailed(recipient, error);
            throw error;
        }

        Finish(ref handoff, now);
        return item;
    }

    /// <summary>
    /// A reserved creation failed: its slot is freed and, if callers wait, a new attempt starts for them; a failed
    /// replacement hands its error to the oldest waiter, so that during an outage waiters fail fast instead of sitting
    /// out their whole timeout.
    /// </summary>
    public void OnCreateFailed(CreationRecipient recipient, Exception error)
    {
        Waiter<T>? unlucky = null;
        bool retry;
        lock (_sync)
        {
            ReleaseReservationLocked(recipient);
            if (recipient == CreationRecipient.Waiters)
            {
                unlucky = _waiters.TryDequeue();
            }

            retry = TryReserveReplacementLocked();
            AssertInvariantsLocked();
        }

        unlucky?.Fail(error);
        if (retry)
        {
            Creation!.StartReplacement();
        }
    }

    private void ReleaseReservationLocked(CreationRecipient recipient)
    {
        Debug.Assert(Monitor.IsEntered(_sync), "the pool's lock is held");
        _creating--;
        if (recipient == CreationRecipient.Waiters)
        {
            _replacing--;
        }
    }

    // ---- Maintenance and shutdown ----

    /// <summary>
    /// The locked half of a housekeeping pass: removes the idle items <paramref name="shouldRemove"/> picks (oldest
    /// first; it is told the time and whether the pool is still above MinSize), finds leases held past the leak threshold (each
    /// reported once), reserves the creations that top the pool up to MinSize, and lets go of waiter nodes a past
    /// burst left on the free list. Returns false when the pool is disposed.
    /// </summary>
    public bool Maintain(long now, Func<PooledItem<T>, long, bool, bool> shouldRemove, List<PooledItem<T>> removed, out List<PoolLeakEventArgs>? leaks, out int toCreate)
    {
        Volatile.Write(ref _coarseNow, now);
        leaks = null;
        toCreate = 0;
        lock (_sync)
        {
            if (_disposed)
            {
                return false;
            }

            var live = _live;
            _idle.RemoveWhere(
                item =>
                {
                    var remove = shouldRemove(item, now, live > _minSize);
                    live -= remove ? 1 : 0;
                    return remove;
                },
                removed);
            foreach (var item in removed)
            {
                RemoveLocked(item);
            }

            if (LeakThresholdTicks > 0)
            {
                leaks = FindLeaksLocked(now);
            }

            if (Creation is not null)
            {
                toCreate = ReserveUpToMinSizeLocked();
            }

            _waiters.TrimFreeList(keep: 16);
            AssertInvariantsLocked();
        }

        return true;
    }

    /// <summary>Leases held past the leak threshold and not reported yet, each reported once.</summary>
    private List<PoolLeakEventArgs>? FindLeaksLocked(long now)
    {
        Debug.Assert(Monitor.IsEntered(_sync), "the pool's lock is held");
        List<PoolLeakEventArgs>? leaks = null;
        foreach (var item in _items.Values)
        {
            if (item.State == ItemState.InUse && !item.LeakReported && item.RentedAt != 0 && now - item.RentedAt >= LeakThresholdTicks)
            {
                item.LeakReported = true;
                (leaks ??= []).Add(new PoolLeakEventArgs(_pool.Name, _time.GetElapsedTime(item.RentedAt, now), item.RentStack ?? "(not captured)"));
            }
        }

        return leaks;
    }

    /// <summary>
    /// Closes the pool: from now on it hands out and takes in nothing. Stops the timeout timer, cancels the creations
    /// under way, fails every waiter and returns the idle items to dispose (items in use are disposed when they come back). False when already closed.
    /// </summary>
    public bool Close(List<T> idleToDispose)
    {
        var waiters = new List<Waiter<T>>();
        var idle = new List<PooledItem<T>>();
        lock (_sync)
        {
            if (_disposed)
            {
                return false;
            }

            _disposed = true;
            _waiters.DrainTo(waiters);
            _waiters.TrimFreeList(keep: 0);
            _idle.DrainTo(idle);
            foreach (var item in idle)
            {
                RemoveLocked(item);
            }

            AssertInvariantsLocked();
        }

        _timeouts.Dispose();
        Creation?.Cancel(); // creations under way stop; what they still produce is disposed (see OnCreated)
        foreach (var waiter in waiters)
        {
            waiter.Fail(new ObjectDisposedException(typeof(AsyncPool<T>).Name, $"Pool '{_pool.Name}' was disposed while this caller waited for an item."));
        }

        if (_disposer.DisposesItems)
        {
            foreach (var item in idle)
            {
                idleToDispose.Add(item.Value);
            }
        }

        return true;
    }

    // ---- Items and time ----

    /// <summary>Records a new item as live (the caller decides whether it is rented, handed off or idle).</summary>
    private PooledItem<T> AdmitLocked(T value, long now)
    {
        Debug.Assert(Monitor.IsEntered(_sync), "the pool's lock is held");
        var item = new PooledItem<T>(_pool, value, now, ExpiryFor(now));
        _items.Add(value, item);
        _live++;
        return item;
    }

    /// <summary>Forgets an item that leaves the pool for good.</summary>
    private void RemoveLocked(PooledItem<T> item)
    {
        Debug.Assert(Monitor.IsEntered(_sync), "the pool's lock is held");
        item.State = ItemState.Removed;
        item.LeaseId++;
        _items.Remove(item.Value);
        _live--;
    }

    private long ExpiryFor(long createdAt)
    {
        if (_maxLifetimeTicks == 0)
        {
            return long.MaxValue;
        }

        // Up to 10% off each item's lifetime, so items created together do not all expire in the same instant.
        var jitter = (long)(_maxLifetimeTicks * 0.1 * _jitter.NextDouble());
        return TimeConversions.AddSaturating(createdAt, _maxLifetimeTicks - jitter);
    }

    private void ThrowIfDisposedLocked()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(typeof(AsyncPool<T>).Name, $"Pool '{_pool.Name}' was disposed; it hands out and takes in no more items.");
        }
    }

    private void DisposeAll(List<PooledItem<T>>? items)
    {
        if (items is not null)
        {
            foreach (var item in items)
            {
                _disposer.Dispose(item.Value);
            }
        }
    }

    /// <summary>The time stamped on a rent: 0 (no clock read) unless something needs it.</summary>
    private long RentTimestamp() => _needsClock || PoolMetrics.TimingListened ? _time.GetTimestamp() : 0;

    /// <summary>
    /// The time stamped on a returned item. The precise clock only when something needs it (validation's bypass
    /// window, lifetimes, timing metrics); otherwise the coarse time of the last maintenance pass, which is all idle
    /// trimming needs, and which keeps a clock read off the hot return path.
    /// </summary>
    private long ReturnTimestamp() => _needsClock || PoolMetrics.TimingListened ? _time.GetTimestamp() : Volatile.Read(ref _coarseNow);

    /// <summary>With leak detection on, where this rent was called from (the cost of the opt-in: a stack trace per rent).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private string? CaptureRentStack() =>
        LeakThresholdTicks > 0 ? new StackTrace(skipFrames: 1, fNeedFileInfo: true).ToString() : null;

    [Conditional("DEBUG")]
    private void AssertInvariantsLocked()
    {
        Debug.Assert(Monitor.IsEntered(_sync), "the pool's lock is held");
        int idle = 0, inUse = 0;
        foreach (var item in _items.Values)
        {
            var state = item.State; // read once: a lock-free rent may move it from Idle to InUse meanwhile
            idle += state == ItemState.Idle ? 1 : 0;
            inUse += state == ItemState.InUse ? 1 : 0;
        }

        // A lock-free rent may have popped an item and not yet marked it rented: it still counts as idle here, so the
        // idle stack may hold fewer items than are marked idle, never more. (Debug.Fail behind a test, not
        // Debug.Assert with a message: where Debug.Assert has no interpolation handler, the message would be built
        // on every call, and the allocation tests run against DEBUG builds too.)
        if (_live != _items.Count || _live != idle + inUse || _idle.Count > idle)
        {
            Debug.Fail($"live {_live} = item records {_items.Count} = idle {idle} + in use {inUse}, and idle stack {_idle.Count} <= idle");
        }

        if (_live + _creating > MaxSize || _replacing < 0 || _replacing > _creating)
        {
            Debug.Fail($"live {_live} + creating {_creating} <= MaxSize {MaxSize}, and 0 <= replacing {_replacing} <= creating");
        }

        if (_waiters.Count > 0 && _idle.Count > 0)
        {
            Debug.Fail($"an idle item ({_idle.Count}) while callers wait ({_waiters.Count})");
        }

        if (_disposed && (_waiters.Count > 0 || _idle.Count > 0))
        {
            Debug.Fail("a disposed pool has waiters or idle items");
        }
    }
}
