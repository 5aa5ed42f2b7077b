using System;
using System.Threading;
using System.Threading.Tasks;

namespace PoolRuntime;

/// <summary>Settings of an <see cref="AsyncPool{T}"/>. The pool copies and checks them once, when it is created.</summary>
/// <typeparam name="T">The type of the pooled items.</typeparam>
public sealed class AsyncPoolOptions<T>
    where T : class
{
    /// <summary>Default of <see cref="MaxSize"/>: 10, as in HikariCP.</summary>
    public const int DefaultMaxSize = 10;

    /// <summary>Default of <see cref="WaitTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="IdleTimeout"/> for pools that have a factory: 10 minutes.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Default of <see cref="ValidationBypassWindow"/>: 500 ms, as in HikariCP.</summary>
    public static readonly TimeSpan DefaultValidationBypassWindow = TimeSpan.FromMilliseconds(500);

    /// <summary>The most items that exist at once: idle, in use and being created. At least 1.</summary>
    public int MaxSize { get; set; } = DefaultMaxSize;

    /// <summary>
    /// The fewest items the pool keeps alive once warmed up; idle trimming never goes below it. Pools with a
    /// factory create them in the background after construction (<see cref="AsyncPool{T}.WarmUpAsync"/> waits for them).
    /// </summary>
    public int MinSize { get; set; }

    /// <summary>
    /// How long <see cref="AsyncPool{T}.RentAsync(CancellationToken)"/> and the other waiting calls wait for an item
    /// when none is given explicitly. <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.
    /// </summary>
    /// <remarks>
    /// A wait that times out never ends before its timeout, and may end a few milliseconds after it: waits due close
    /// together are ended in one batch, up to 10 ms after the first of them was due, which keeps thousands of timeouts
    /// a second cheap. On a 2-core test machine, measured from the caller's side (thread-pool scheduling included),
    /// timeouts ended 4-8 ms late at the median and 18 ms late at most; a busier machine delays them further.
    /// </remarks>
    public TimeSpan WaitTimeout { get; set; } = DefaultWaitTimeout;

    /// <summary>
    /// How long one call of the factory may take before the pool gives up on it, frees its slot and reports a
    /// <see cref="TimeoutException"/>. <see langword="null"/> means <see cref="WaitTimeout"/>.
    /// </summary>
    public TimeSpan? CreateTimeout { get; set; }

    /// <summary>
    /// How long an item may live. Older items are discarded when they come back or are found idle. Each item gets up
    /// to 10% less, at random, so that items created together do not all expire together.
    /// <see langword="null"/> (the default) means no limit. Needs a factory.
    /// </summary>
    public TimeSpan? MaxLifetime { get; set; }

    /// <summary>
    /// Service order under overload (adaptive LIFO). <see langword="null"/> (the default): waiters are served strictly
    /// oldest first. Set: while the oldest waiter has waited longer than this, an item that comes back goes to the
    /// newest waiter instead; as soon as the oldest has waited less, the order is oldest first again. When callers arrive
    /// faster than items come back, the queue's wait grows to the callers' timeouts, and oldest-first then serves only
    /// callers who have waited almost their whole timeout, many of whom time out at the head; newest-first serves callers
    /// with their timeout still ahead and lets the oldest, who would time out anyway, go. It is unfair by design while it
    /// lasts: set it well above the waits the pool sees when it is not overloaded (for example half the wait timeout).
    /// </summary>
    public TimeSpan? ServeNewestFirstAfter { get; set; }

    /// <summary>
    /// How long an item may stay idle before the pool disposes it, down to <see cref="MinSize"/>. Defaults to
    /// <see cref="DefaultIdleTimeout"/> for pools with a factory; <see langword="null"/> turns trimming off. Needs a factory.
    /// </summary>
    public TimeSpan? IdleTimeout { get; set; } = DefaultIdleTimeout;

    /// <summary>
    /// An optional health check run when an idle item is rented. An item that fails it (returns <see langword="false"/>
    /// or throws) is discarded and the rent goes on with another item.
    /// </summary>
    public Func<T, CancellationToken, ValueTask<bool>>? Validate { get; set; }

    /// <summary>
    /// <see cref="Validate"/> is skipped for an item that was in use less than this long ago: it just proved itself.
    /// </summary>
    public TimeSpan ValidationBypassWindow { get; set; } = DefaultValidationBypassWindow;

    /// <summary>
    /// Opt-in leak detection, as HikariCP's leakDetectionThreshold: a lease held longer than this is reported once,
    /// through <see cref="AsyncPool{T}.LeakDetected"/> and the <c>db.client.connection.poolruntime.leaks</c> counter,
    /// with the stack trace of the code that rented it. Capturing that stack costs some microseconds per rent, so
    /// leave it off (<see langword="null"/>, the default) unless you are hunting a leak.
    /// </summary>
    public TimeSpan? LeakDetectionThreshold { get; set; }

    /// <summary>The pool's name in exception messages and the <c>db.client.connection.pool.name</c> metric attribute.</summary>
    public string? Name { get; set; }

    /// <summary>Whether the pool disposes the items it drops (<see cref="IDisposable"/>, <see cref="IAsyncDisposable"/>). Default true.</summary>
    public bool DisposeItems { get; set; } = true;

    /// <summary>The clock and timers the pool uses; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
