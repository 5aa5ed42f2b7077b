using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PoolRuntime.Creation;
using PoolRuntime.Diagnostics;
using PoolRuntime.Internal;
using PoolRuntime.Items;
using PoolRuntime.Maintenance;
using PoolRuntime.Waiting;

namespace PoolRuntime;

/// <summary>
/// An async-native pool of items (connections, clients, buffers). Callers wait without blocking a thread, in FIFO
/// order, and a returned item goes straight to the longest waiter. Idle items are reused newest first. Renting an idle
/// item and returning it allocate nothing, and neither does a wait once the pool has warmed up.
/// </summary>
/// <remarks>
/// Two ways to use it. Leases: <c>using var lease = await pool.RentAsync();</c> (call <see cref="PoolLease{T}.Discard"/>
/// for a broken item). Or the <c>BlockingCollection&lt;T&gt;</c>-shaped verbs (<see cref="Add"/>, <see cref="TakeAsync"/>,
/// <see cref="TryTakeAsync(TimeSpan, CancellationToken)"/>, and the blocking <see cref="Take"/>/<see cref="TryTake(out T, TimeSpan)"/>
/// for synchronous code), so code written against a blocking pool keeps compiling when its type is swapped.
/// </remarks>
/// <typeparam name="T">The type of the pooled items.</typeparam>
public sealed partial class AsyncPool<T> : IAsyncDisposable, IDisposable, IPoolStatistics
    where T : class
{
    private static int _poolsCreated;

    // Guards every mutable field below. Held only for bookkeeping (O(1), or O(MaxSize) for a trim pass), never while
    // user code runs, a waiter is completed or an item is disposed.
    private readonly object _sync = new();
    private readonly IdleStack<T> _idle;
    private readonly WaiterQueue<T> _waiters = new();
    private readonly WaitTimeouts _timeouts;
    private readonly Dictionary<T, PooledItem<T>> _items = new(ReferenceComparer<T>.Instance);
    private readonly ItemFactory<T>? _factory;
    private readonly PoolMaintenance<T>? _maintenance;
    private readonly CancellationTokenSource _disposal = new();
    private readonly TimeProvider _time;
    private readonly Func<T, CancellationToken, ValueTask<bool>>? _validate;
    private readonly long _validationBypassTicks;
    private readonly long _maxLifetimeTicks;
    private readonly int _minSize;
    private readonly bool _disposeItems;
    private readonly bool _rentNeedsClock;
    private readonly bool _returnNeedsClock;
    private readonly KeyValuePair<string, object?> _nameTag;
    private readonly Random _jitter = new();
    private readonly long _leakThresholdTicks; // 0: leak detection off

    private long _coarseNow; // the time of the last maintenance pass (see ReturnTimestamp)
    private int _live;      // idle + in use
    private int _creating;  // creations under way; they count against MaxSize
    private int _replacing; // of those, the ones started on behalf of waiters
    private bool _disposed;
    private Task _backgroundWarmUp = Task.CompletedTask;

    /// <summary>Creates a pool that creates its items with <paramref name="factory"/>, lazily, up to <see cref="AsyncPoolOptions{T}.MaxSize"/>.</summary>
    /// <param name="factory">Creates one item. It gets a token that fires at the create timeout or when the pool is disposed.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    public AsyncPool(Func<CancellationToken, ValueTask<T>> factory, AsyncPoolOptions<T>? options = null)
        : this(options ?? new AsyncPoolOptions<T>(), factory ?? throw new ArgumentNullException(nameof(factory)), initialItems: null)
    {
    }

    /// <summary>
    /// Creates a pool without a factory and without a bound that holds what <see cref="Add"/> puts in: the drop-in for
    /// <c>new BlockingCollection&lt;T&gt;()</c>. Like the other BlockingCollection-shaped constructors, it sets no wait timeout.
    /// </summary>
    public AsyncPool()
        : this(DropIn(int.MaxValue), factory: null, initialItems: null)
    {
    }

    /// <summary>
    /// Creates a pool without a factory that holds what <see cref="Add"/> puts in, up to <paramref name="maxSize"/> items:
    /// the drop-in for <c>new BlockingCollection&lt;T&gt;(boundedCapacity)</c>.
    /// </summary>
    public AsyncPool(int maxSize)
        : this(DropIn(maxSize), factory: null, initialItems: null)
    {
    }

    /// <summary>Creates a pool without a factory, with the given settings (<see cref="AsyncPoolOptions{T}.MaxSize"/> bounds what <see cref="Add"/> accepts).</summary>
    public AsyncPool(AsyncPoolOptions<T> options)
        : this(options ?? throw new ArgumentNullException(nameof(options)), factory: null, initialItems: null)
    {
    }

    /// <summary>Creates a pool holding <paramref name="items"/>; its MaxSize is their number.</summary>
    public AsyncPool(IEnumerable<T> items)
        : this(DropIn(CountItems(items)), factory: null, items)
    {
    }

    /// <summary>Creates a pool holding <paramref name="items"/> with room for up to <paramref name="maxSize"/> items in all.</summary>
    public AsyncPool(IEnumerable<T> items, int maxSize)
        : this(DropIn(maxSize), factory: null, items ?? throw new ArgumentNullException(nameof(items)))
    {
    }

    private AsyncPool(AsyncPoolOptions<T> options, Func<CancellationToken, ValueTask<T>>? factory, IEnumerable<T>? initialItems)
    {
        OptionsValidator.Validate(options, hasFactory: factory is not null);

        Name = options.Name ?? $"{typeof(T).Name}-pool-{Interlocked.Increment(ref _poolsCreated)}";
        MaxSize = options.MaxSize;
        WaitTimeout = options.WaitTimeout;
        _time = options.TimeProvider;
        _validate = options.Validate;
        _validationBypassTicks = TimeConversions.ToTimestampTicks(options.ValidationBypassWindow, _time.TimestampFrequency);
        _maxLifetimeTicks = options.MaxLifetime is { } lifetime ? TimeConversions.ToTimestampTicks(lifetime, _time.TimestampFrequency) : 0;
        _minSize = options.MinSize;
        _disposeItems = options.DisposeItems;
        _nameTag = PoolMetrics.NameTag(Name);
        _idle = new IdleStack<T>(MaxSize);
        _timeouts = new WaitTimeouts(_time, static state => ((AsyncPool<T>)state!).OnWaitTimeoutsDue(), this);

        // Without a factory the pool cannot recreate what it drops, so it never trims or expires items.
        var idleTimeout = factory is null ? null : options.IdleTimeout;
        _leakThresholdTicks = options.LeakDetectionThreshold is { } leak ? TimeConversions.ToTimestampTicks(leak, _time.TimestampFrequency) : 0;
        _rentNeedsClock = _validate is not null || _maxLifetimeTicks > 0 || _leakThresholdTicks > 0;
        _returnNeedsClock = _rentNeedsClock;
        _coarseNow = _time.GetTimestamp();

        if (factory is not null)
        {
            _factory = new ItemFactory<T>(factory, options.CreateTimeout ?? options.WaitTimeout, _time, Name, DisposeItem);
        }

        var maxLifetime = factory is null ? null : options.MaxLifetime;
        if (PoolMaintenance<T>.IsNeeded(idleTimeout, maxLifetime, _minSize, options.LeakDetectionThreshold))
        {
            _maintenance = new PoolMaintenance<T>(this, _time, idleTimeout, maxLifetime, options.LeakDetectionThreshold);
        }

        if (initialItems is not null)
        {
            var items = initialItems.ToList();
            if (items.Count > MaxSize)
            {
                throw new ArgumentException($"AsyncPool got {items.Count} items but a maxSize of {MaxSize}; maxSize must be at least the number of items.", nameof(initialItems));
            }

            foreach (var item in items)
            {
                Add(item);
            }
        }

        PoolMetrics.Register(this);

        if (_factory is not null && _minSize > 0)
        {
            StartWarmUp();
        }
    }

    /// <summary>
    /// Raised (on a timer thread) for each lease held longer than <see cref="AsyncPoolOptions{T}.LeakDetectionThreshold"/>,
    /// once per lease. An exception thrown by a handler is ignored.
    /// </summary>
    public event EventHandler<PoolLeakEventArgs>? LeakDetected;

    /// <summary>The pool's name, as in exception messages and metrics.</summary>
    public string Name { get; }

    /// <summary>The most items that exist at once.</summary>
    public int MaxSize { get; }

    /// <summary>Same as <see cref="MaxSize"/>; named as on <c>BlockingCollection&lt;T&gt;</c>.</summary>
    public int BoundedCapacity => MaxSize;

    /// <summary>How long the waiting calls without an explicit timeout wait.</summary>
    public TimeSpan WaitTimeout { get; }

    /// <summary>Live items: idle plus in use (items being created are not counted yet).</summary>
    public int Count => Volatile.Read(ref _live);

    /// <summary>Items waiting in the pool to be rented.</summary>
    public int IdleCount => _idle.Count;

    /// <summary>Items rented out.</summary>
    public int InUseCount => Math.Max(0, Count - IdleCount);

    /// <summary>Callers waiting for an item.</summary>
    public int WaitingCount => _waiters.Count;

    /// <summary>
    /// Items being created right now. They count against <see cref="MaxSize"/>; one that fails hands its error to the
    /// oldest waiter, so a pool is settled only when this is zero as well.
    /// </summary>
    public int CreatingCount => Volatile.Read(ref _creating);

    /// <summary>
    /// Settings of the BlockingCollection-shaped constructors: no wait timeout, so that Take() waits until an item
    /// comes back, as BlockingCollection.Take does (TryTake and RentAsync with a timeout still time out).
    /// </summary>
    private static AsyncPoolOptions<T> DropIn(int maxSize) => new() { MaxSize = maxSize, WaitTimeout = Timeout.InfiniteTimeSpan };

    private static int CountItems(IEnumerable<T> items) => items switch
    {
        null => throw new ArgumentNullException(nameof(items)),
        ICollection<T> collection => collection.Count,
        _ => items.Count(),
    };

    private void ThrowIfDisposedLocked()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(GetType().Name, $"Pool '{Name}' was disposed; it hands out and takes in no more items.");
        }
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

    /// <summary>Forgets an item that leaves the pool for good. Under the lock.</summary>
    private void RemoveLocked(PooledItem<T> item)
    {
        item.State = ItemState.Removed;
        item.LeaseId++;
        _items.Remove(item.Value);
        _live--;
    }

    /// <summary>
    /// Gives an item that just became free to the oldest waiter that still wants it, or makes it idle. Waiters whose
    /// token was cancelled in the meantime are skipped (and failed by the caller), so the item is never handed to
    /// someone who has gone. Under the lock.
    /// </summary>
    private void HandOffOrIdleLocked(PooledItem<T> item, long now, ref Handoff handoff)
    {
        while (_waiters.TryDequeue() is { } waiter)
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

    /// <summary>Completes what a locked section decided: outside the lock, since it runs continuations and disposals.</summary>
    private void Finish(ref Handoff handoff, long now)
    {
        if (handoff.RentedAt != 0 && PoolMetrics.UseTime.Enabled)
        {
            PoolMetrics.Record(PoolMetrics.UseTime, Seconds(handoff.RentedAt, now), _nameTag);
        }

        if (handoff.Removed is not null)
        {
            DisposeItem(handoff.Removed.Value);
        }

        if (handoff.Replace)
        {
            StartReplacement();
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
            // Recorded before the waiter resumes (Record never throws), so a caller that got its item sees its wait counted.
            if (PoolMetrics.WaitTime.Enabled)
            {
                PoolMetrics.Record(PoolMetrics.WaitTime, Seconds(target.StartedAt, now), _nameTag);
            }

            target.Complete(handoff.Item);
        }
    }

    private double Seconds(long from, long to) => from == 0 || to == 0 ? 0 : _time.GetElapsedTime(from, to).TotalSeconds;

    /// <summary>
    /// The time stamped on a returned item. The precise clock only when something needs it (validation's bypass
    /// window, lifetimes, timing metrics); otherwise the coarse time of the last maintenance pass, which is all idle
    /// trimming needs, and which keeps a clock read off the hot return path.
    /// </summary>
    private long ReturnTimestamp() => _returnNeedsClock || MetricsNeedClock ? _time.GetTimestamp() : Volatile.Read(ref _coarseNow);

    private static bool MetricsNeedClock => PoolMetrics.WaitTime.Enabled || PoolMetrics.UseTime.Enabled;

    string IPoolStatistics.Name => Name;

    /// <summary>What a locked section leaves for <see cref="Finish"/> to do.</summary>
    private struct Handoff
    {
        public Waiter<T>? Target;
        public PooledItem<T>? Item;
        public List<Waiter<T>>? Canceled;
        public PooledItem<T>? Removed;
        public bool Replace;
        public long RentedAt;
    }
}
