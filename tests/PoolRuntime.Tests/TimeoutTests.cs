using Microsoft.Extensions.Time.Testing;

namespace PoolRuntime.Tests;

public class TimeoutTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task RentAsync_throws_PoolExhaustedException_naming_the_pool_and_its_counts()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, Name = "redis-main", TimeProvider = _time });
        pool.Add(new TestItem());
        using var held = await pool.RentAsync();
        var other = pool.RentAsync(TimeSpan.FromSeconds(2)).AsTask();
        var waiting = pool.RentAsync(TimeSpan.FromSeconds(1)).AsTask();

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<PoolExhaustedException>(() => waiting);
        Assert.IsAssignableFrom<TimeoutException>(error);
        Assert.Equal("redis-main", error.PoolName);
        Assert.Equal(1, error.MaxSize);
        Assert.Equal(1, error.InUse);
        Assert.Equal(0, error.Idle);
        Assert.Equal(1, error.Waiting);
        Assert.Contains("'redis-main'", error.Message, StringComparison.Ordinal);
        Assert.Contains("1,000 ms", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxSize 1: 1 in use, 0 idle, 1 waiting", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, pool.WaitingCount);
        Assert.False(other.IsCompleted);
    }

    [Fact]
    public async Task TryTakeAsync_returns_null_on_timeout()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, TimeProvider = _time });
        pool.Add(new TestItem());
        var item = await pool.TakeAsync();

        var waiting = pool.TryTakeAsync(250).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Null(await waiting);
        Assert.Equal(0, pool.WaitingCount);
        pool.Add(item);
    }

    [Fact]
    public async Task A_zero_timeout_answers_at_once()
    {
        await using var pool = new AsyncPool<TestItem>(1);
        pool.Add(new TestItem());
        var item = await pool.TakeAsync();

        var tryTake = pool.TryTakeAsync(TimeSpan.Zero).AsTask();
        Assert.True(tryTake.IsCompletedSuccessfully);
        Assert.Null(await tryTake);
        Assert.False(pool.TryTake(out _, 0));
        await Assert.ThrowsAsync<PoolExhaustedException>(async () => await pool.RentAsync(TimeSpan.Zero));
        Assert.Equal(0, pool.WaitingCount);
        pool.Add(item);
    }

    [Fact]
    public async Task Default_wait_is_the_pool_WaitTimeout()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, WaitTimeout = TimeSpan.FromSeconds(5), TimeProvider = _time });
        pool.Add(new TestItem());
        var item = pool.Take();
        var waiting = pool.TakeAsync().AsTask();
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await Assert.ThrowsAsync<PoolExhaustedException>(() => waiting);
        pool.Add(item);
    }

    [Fact]
    public async Task A_waiter_served_before_its_timeout_is_not_timed_out_later_nor_is_the_next_wait_on_its_node()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, TimeProvider = _time });
        pool.Add(new TestItem());
        var held = await pool.RentAsync();

        var first = pool.RentAsync(TimeSpan.FromSeconds(1));
        held.Dispose();
        var lease = await first;

        // The node of the first wait is reused by the second; the old timeout must not end it.
        var second = pool.RentAsync(TimeSpan.FromSeconds(10)).AsTask();
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(second.IsCompleted);
        lease.Dispose();
        (await second).Dispose();
    }

    [Fact]
    public async Task A_shorter_timeout_queued_behind_a_longer_one_still_ends_on_time()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, TimeProvider = _time });
        pool.Add(new TestItem());
        using var held = await pool.RentAsync();
        var patient = pool.RentAsync(TimeSpan.FromSeconds(10)).AsTask();
        var hurried = pool.RentAsync(TimeSpan.FromSeconds(1)).AsTask();
        var forever = pool.RentAsync(Timeout.InfiniteTimeSpan).AsTask();

        _time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<PoolExhaustedException>(() => hurried);
        Assert.False(patient.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(9));
        await Assert.ThrowsAsync<PoolExhaustedException>(() => patient);
        Assert.Equal(1, pool.WaitingCount);
        Assert.False(forever.IsCompleted);
        held.Dispose();
        (await forever).Dispose();
    }

    [Fact]
    public async Task Waiters_with_the_same_timeout_leave_one_by_one_at_their_own_deadlines()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, TimeProvider = _time, WaitTimeout = TimeSpan.FromSeconds(1) });
        pool.Add(new TestItem());
        using var held = await pool.RentAsync();
        var waits = new List<Task<PoolLease<TestItem>>>();
        for (var i = 0; i < 5; i++)
        {
            waits.Add(pool.RentAsync().AsTask());
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // Now 0.5 s; deadlines at 1.0, 1.1, 1.2, 1.3 and 1.4 s. (A timed-out wait completes through the thread pool,
        // so the queue's count is what is read at once.)
        _time.Advance(TimeSpan.FromMilliseconds(650));
        Assert.Equal(3, pool.WaitingCount);
        await Assert.ThrowsAsync<PoolExhaustedException>(() => waits[0]);
        await Assert.ThrowsAsync<PoolExhaustedException>(() => waits[1]);
        Assert.All(waits.Skip(2), w => Assert.False(w.IsCompleted));

        _time.Advance(TimeSpan.FromMilliseconds(100)); // 1.25 s
        Assert.Equal(2, pool.WaitingCount);

        _time.Advance(TimeSpan.FromMilliseconds(200)); // 1.45 s
        Assert.Equal(0, pool.WaitingCount);
        foreach (var wait in waits.Skip(2))
        {
            await Assert.ThrowsAsync<PoolExhaustedException>(() => wait);
        }
    }

    [Fact]
    public async Task After_a_pass_the_next_waiters_leave_in_a_batch_at_most_10_ms_late_never_early()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, TimeProvider = _time, WaitTimeout = TimeSpan.FromSeconds(1) });
        pool.Add(new TestItem());
        using var held = await pool.RentAsync();
        var first = pool.RentAsync().AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(4));
        var second = pool.RentAsync().AsTask(); // due 4 ms after the first
        _time.Advance(TimeSpan.FromMilliseconds(3));
        var third = pool.RentAsync().AsTask(); // due 7 ms after the first

        _time.Advance(TimeSpan.FromMilliseconds(993)); // 1.000 s: the first is due, and leaves alone
        await Assert.ThrowsAsync<PoolExhaustedException>(() => first);
        Assert.Equal(2, pool.WaitingCount);

        _time.Advance(TimeSpan.FromMilliseconds(9)); // 1.009 s: both others are due, but the next pass is at 1.010 s
        Assert.Equal(2, pool.WaitingCount);

        _time.Advance(TimeSpan.FromMilliseconds(1)); // 1.010 s: they leave together
        Assert.Equal(0, pool.WaitingCount);
        await Assert.ThrowsAsync<PoolExhaustedException>(() => second);
        await Assert.ThrowsAsync<PoolExhaustedException>(() => third);
    }

    [Fact]
    public async Task Thousands_of_waiters_timing_out_in_one_pass_all_resume_and_the_next_waiter_still_gets_the_item()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, TimeProvider = _time });
        pool.Add(new TestItem());
        var held = await pool.RentAsync();
        var waits = Enumerable.Range(0, 5_000).Select(_ => pool.TryTakeAsync(TimeSpan.FromSeconds(1)).AsTask()).ToArray();
        Assert.Equal(5_000, pool.WaitingCount);

        _time.Advance(TimeSpan.FromSeconds(1)); // one pass ends them all; each resumes from a work item of its own
        Assert.Equal(0, pool.WaitingCount);
        Assert.All(await Task.WhenAll(waits), Assert.Null);

        var next = pool.RentAsync(TimeSpan.FromSeconds(1)).AsTask();
        held.Dispose();
        using var lease = await next;
        Assert.True(lease.IsActive);
        Assert.Equal(0, pool.IdleCount);
    }

    [Fact]
    public async Task A_timed_out_caller_resumes_on_its_synchronization_context()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, TimeProvider = _time });
        pool.Add(new TestItem());
        using var held = await pool.RentAsync();
        var context = new CountingContext();

        Task<bool> resumedOnContext;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            resumedOnContext = WaitThenCheckContextAsync(pool, context);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await resumedOnContext);
        Assert.Equal(1, context.Posts);

        static async Task<bool> WaitThenCheckContextAsync(AsyncPool<TestItem> pool, SynchronizationContext context)
        {
            var item = await pool.TryTakeAsync(TimeSpan.FromSeconds(1)); // captures the context, as UI and ASP.NET classic code does
            return item is null && SynchronizationContext.Current == context;
        }
    }

    [Fact]
    public async Task Infinite_timeout_waits_until_an_item_comes_back()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, TimeProvider = _time });
        pool.Add(new TestItem());
        var held = await pool.RentAsync();
        var waiting = pool.RentAsync(Timeout.InfiniteTimeSpan).AsTask();
        _time.Advance(TimeSpan.FromDays(30));
        Assert.False(waiting.IsCompleted);
        held.Dispose();
        (await waiting).Dispose();
    }

    [Fact]
    public async Task Timeouts_with_a_real_clock_end_the_wait_not_before_the_deadline()
    {
        await using var pool = new AsyncPool<TestItem>(1);
        pool.Add(new TestItem());
        using var held = await pool.RentAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(await pool.TryTakeAsync(TimeSpan.FromMilliseconds(100)));
        Assert.InRange(started.ElapsedMilliseconds, 90, 5_000);
    }
}
