using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PoolRuntime.Core;
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

    // The pool is a facade: its state and every change to it are the core's; creation, housekeeping and item disposal
    // are slow paths in their own types (see the folders Core, Creation, Maintenance, Items, Waiting).
    private readonly PoolCore<T> _core;
    private readonly ItemCreation<T>? _creation;
    private readonly PoolMaintenance<T>? _maintenance;
    private readonly ItemDisposer<T> _disposer;

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
        WaitTimeout = options.WaitTimeout;
        _disposer = new ItemDisposer<T>(options.DisposeItems);
        _core = new PoolCore<T>(this, options, hasFactory: factory is not null, _disposer);
        if (factory is not null)
        {
            var itemFactory = new ItemFactory<T>(factory, options.CreateTimeout ?? options.WaitTimeout, options.TimeProvider, Name, _disposer.Dispose);
            _creation = new ItemCreation<T>(_core, itemFactory, Name);
            _core.Creation = _creation;
        }

        // Without a factory the pool cannot recreate what it drops, so it never trims or expires items.
        var idleTimeout = factory is null ? null : options.IdleTimeout;
        var maxLifetime = factory is null ? null : options.MaxLifetime;
        if (PoolMaintenance<T>.IsNeeded(idleTimeout, maxLifetime, options.MinSize, options.LeakDetectionThreshold))
        {
            _maintenance = new PoolMaintenance<T>(_core, _creation, _disposer, Name, leak => LeakDetected?.Invoke(this, leak), idleTimeout, maxLifetime, options.LeakDetectionThreshold);
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

        if (options.MinSize > 0)
        {
            _creation?.StartWarmUp();
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
    public int MaxSize => _core.MaxSize;

    /// <summary>Same as <see cref="MaxSize"/>; named as on <c>BlockingCollection&lt;T&gt;</c>.</summary>
    public int BoundedCapacity => MaxSize;

    /// <summary>How long the waiting calls without an explicit timeout wait.</summary>
    public TimeSpan WaitTimeout { get; }

    /// <summary>Live items: idle plus in use (items being created are not counted yet).</summary>
    public int Count => _core.LiveCount;

    /// <summary>Items waiting in the pool to be rented.</summary>
    public int IdleCount => _core.IdleCount;

    /// <summary>Items rented out.</summary>
    public int InUseCount => _core.InUseCount;

    /// <summary>Callers waiting for an item.</summary>
    public int WaitingCount => _core.WaitingCount;

    /// <summary>
    /// Items being created right now. They count against <see cref="MaxSize"/>; one that fails hands its error to the
    /// oldest waiter, so a pool is settled only when this is zero as well.
    /// </summary>
    public int CreatingCount => _core.CreatingCount;

    string IPoolStatistics.Name => Name;

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
        return _core.RentAsync(timeout, cancellationToken);
    }

    /// <summary>
    /// Rents an idle item if there is one; never waits and never creates. Does not run
    /// <see cref="AsyncPoolOptions{T}.Validate"/> (it cannot wait for it), but skips items past their lifetime.
    /// </summary>
    public bool TryRent(out PoolLease<T> lease)
    {
        if (_core.TryRentIdle(out var item))
        {
            lease = new PoolLease<T>(item, item.LeaseId);
            return true;
        }

        lease = default;
        return false;
    }

    /// <summary>
    /// Creates items until the pool holds <see cref="AsyncPoolOptions{T}.MinSize"/>, and completes when they are all
    /// in; throws the first creation error. Pools with a MinSize also start this in the background when constructed.
    /// </summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) => _creation?.WarmUpAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// Shuts the pool down: every waiter fails with <see cref="ObjectDisposedException"/>, idle items are disposed,
    /// items still in use are disposed when they come back, and creations under way are cancelled. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var item in Shutdown())
        {
            await ItemDisposer<T>.DisposeAsync(item).ConfigureAwait(false);
        }
    }

    /// <summary>As <see cref="DisposeAsync"/>; items that are only <see cref="IAsyncDisposable"/> are disposed in the background.</summary>
    public void Dispose()
    {
        foreach (var item in Shutdown())
        {
            _disposer.Dispose(item);
        }
    }

    // Called by leases (PoolLease.Dispose/Discard) and waiter nodes, which know the pool by this type.
    internal void Return(PooledItem<T> item, long leaseId) => _core.Return(item, leaseId);

    internal void Discard(PooledItem<T> item, long leaseId) => _core.Discard(item, leaseId);

    internal void OnWaiterCanceled(Waiter<T> waiter) => _core.OnWaiterCanceled(waiter);

    internal void RecycleWaiter(Waiter<T> waiter) => _core.RecycleWaiter(waiter);

    internal PoolExhaustedException CreateExhaustedException(TimeSpan waited) => _core.CreateExhaustedException(waited);

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

    private List<T> Shutdown()
    {
        var idle = new List<T>();
        if (_core.Close(idle))
        {
            _maintenance?.Dispose();
            PoolMetrics.Unregister(this);
        }

        return idle;
    }
}
