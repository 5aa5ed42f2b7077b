// These tests must stay synchronous on one thread so that GetAllocatedBytesForCurrentThread sees all the work; every
// ValueTask read with .Result here has completed (asserted) or completes synchronously by construction.
#pragma warning disable CA2012, xUnit1031

namespace PoolRuntime.Tests;

/// <summary>
/// Allocation checks that cannot be fooled by other threads: everything measured runs synchronously on the test's
/// own thread (but for a timeout's completion, whose work item is the waiter node itself), and
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> counts only that thread. Throughput and the allocation of whole
/// workloads are the benchmarks' job (samples/PoolRuntime.Benchmarks).
/// </summary>
// Not in parallel with MetricsTests: a MeterListener there would make every pool record (and allocate) metrics.
[Collection(nameof(MetricsTests))]
public class AllocationTests
{
    [Fact]
    public async Task Renting_an_idle_item_and_returning_it_allocates_nothing()
    {
        var factory = new CountingFactory();
        await using var pool = new AsyncPool<TestItem>(factory.CreateAsync);
        (await pool.RentAsync()).Dispose();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            var pending = pool.RentAsync();
            pending.Result.Dispose();
            Assert.True(pool.TryRent(out var lease));
            lease.Dispose();
            var item = pool.TakeAsync().Result;
            pool.Add(item);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task A_wait_that_is_served_allocates_nothing_once_the_node_is_warm()
    {
        await using var pool = new AsyncPool<TestItem>([new TestItem()]);
        var held = await pool.RentAsync();
        WaitAndServe(pool, ref held); // warms a waiter node and its timer

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            WaitAndServe(pool, ref held);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        held.Dispose();
    }

    [Fact]
    public async Task A_wait_that_times_out_allocates_nothing_and_throws_nothing_once_the_node_is_warm()
    {
        var time = new ManualTimeProvider();
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, TimeProvider = time });
        pool.Add(new TestItem());
        var taken = pool.Take();
        TimeOut(pool, time);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            TimeOut(pool, time);
        }

        // Queueing a work item may now and then make the thread pool allocate for itself (a worker it starts, a
        // segment of its queue); an allocation of the pool's per timeout would be 100 objects of 24 B or more.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, (100 * WorkItemBytesPerTimeout) + 240);
        pool.Add(taken);
    }

#if POOLRUNTIME_NETSTANDARD
    // The netstandard2.0 build has no IThreadPoolWorkItem: it queues a timeout with a WaitCallback, for which the
    // runtime allocates one small wrapper per call (32 B on .NET 10).
    private const int WorkItemBytesPerTimeout = 48;
#else
    private const int WorkItemBytesPerTimeout = 0; // the waiter node is the work item
#endif

    private static void WaitAndServe(AsyncPool<TestItem> pool, ref PoolLease<TestItem> held)
    {
        var pending = pool.RentAsync(TimeSpan.FromSeconds(30)); // queues (nothing idle), arms the node's timer
        Assert.False(pending.IsCompleted);
        held.Dispose();                                          // hands the item straight to the waiter
        held = pending.Result;                                   // consumes the result, recycles the node
    }

    private static void TimeOut(AsyncPool<TestItem> pool, ManualTimeProvider time)
    {
        var pending = pool.TryTakeAsync(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1)); // the timeout pass runs here and queues the node itself as a work item

        // The timeout completes from the thread pool's global queue; wait for it without a closure (which would allocate).
        var giveUpAt = Environment.TickCount64 + 10_000;
        while (!pending.IsCompleted && Environment.TickCount64 < giveUpAt)
        {
            Thread.Yield();
        }

        Assert.True(pending.IsCompleted, "the timed-out wait completed within 10 s");
        Assert.Null(pending.Result);
    }

    [Fact]
    public async Task Reading_a_pending_wait_synchronously_is_refused_and_leaves_the_wait_intact()
    {
        await using var pool = new AsyncPool<TestItem>([new TestItem()]);
        var held = await pool.RentAsync();
        var pending = pool.RentAsync();

        Assert.Throws<InvalidOperationException>(() => pending.Result);
        Assert.Equal(1, pool.WaitingCount);

        held.Dispose();
        var lease = await pending;
        Assert.True(lease.IsActive);
        lease.Dispose();
        Assert.Equal(1, pool.IdleCount);
    }
}
