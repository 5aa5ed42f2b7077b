using Microsoft.Extensions.Time.Testing;

namespace PoolRuntime.Tests;

public class FactoryTests
{
    [Fact]
    public async Task A_failing_factory_gives_the_caller_its_exception_and_leaks_no_capacity()
    {
        var factory = new CountingFactory { FailWith = new IOException("server down") };
        await using var pool = new AsyncPool<TestItem>(factory.CreateAsync, new() { MaxSize = 2 });

        for (var i = 0; i < 5; i++)
        {
            var error = await Assert.ThrowsAsync<IOException>(async () => await pool.RentAsync());
            Assert.Equal("server down", error.Message);
        }

        Assert.Equal(0, pool.Count);
        factory.FailWith = null;
        using var a = await pool.RentAsync();
        using var b = await pool.RentAsync();
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public async Task Creations_under_way_are_counted_apart_from_live_items()
    {
        var release = new TaskCompletionSource<TestItem>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pool = new AsyncPool<TestItem>(_ => new ValueTask<TestItem>(release.Task), new() { MaxSize = 2 });

        var renting = pool.RentAsync().AsTask();
        Assert.Equal(1, pool.CreatingCount);
        Assert.Equal(0, pool.Count);

        release.SetResult(new TestItem());
        using var lease = await renting;
        Assert.Equal(0, pool.CreatingCount);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public async Task When_a_creation_fails_a_waiter_is_woken_to_try_again()
    {
        var factory = new CountingFactory { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var pool = new AsyncPool<TestItem>(factory.CreateAsync, new() { MaxSize = 1 });

        var creator = pool.RentAsync().AsTask();   // takes the only slot and waits in the factory
        var waiter = pool.RentAsync().AsTask();    // no room: waits in the queue
        Assert.Equal(1, pool.WaitingCount);

        factory.FailWith = new IOException("first attempt fails");
        var gate = factory.Gate;
        factory.Gate = null;
        gate.SetResult();
        await Assert.ThrowsAsync<IOException>(() => creator);

        // The freed slot started a new attempt for the waiter, which fails too and reaches the waiter...
        await Assert.ThrowsAsync<IOException>(() => waiter);
        Assert.Equal(2, factory.Calls);

        // ...and once the factory recovers, the pool serves again.
        factory.FailWith = null;
        using var lease = await pool.RentAsync();
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public async Task A_discard_lets_a_waiter_get_a_fresh_item()
    {
        var factory = new CountingFactory();
        await using var pool = new AsyncPool<TestItem>(factory.CreateAsync, new() { MaxSize = 1 });
        var broken = await pool.RentAsync();
        var waiter = pool.RentAsync().AsTask();

        broken.Discard();

        using var fresh = await waiter;
        Assert.NotSame(factory.Created[0], fresh.Value);
        Assert.True(factory.Created[0].IsDisposed);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public async Task A_hanging_factory_times_out_frees_its_slot_and_its_late_item_is_disposed()
    {
        var time = new FakeTimeProvider();
        var release = new TaskCompletionSource<TestItem>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        await using var pool = new AsyncPool<TestItem>(
            _ => Interlocked.Increment(ref calls) == 1 ? new ValueTask<TestItem>(release.Task) : new ValueTask<TestItem>(new TestItem()),
            new() { MaxSize = 1, CreateTimeout = TimeSpan.FromSeconds(2), TimeProvider = time });

        var hanging = pool.RentAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => hanging);
        Assert.Contains("create timeout (2,000 ms)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, pool.Count);

        using (var lease = await pool.RentAsync())
        {
            Assert.Equal(1, pool.Count);
        }

        var late = new TestItem();
        release.SetResult(late);
        await Eventually.True(() => late.IsDisposed);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public async Task A_factory_that_honours_its_token_reports_a_timeout_not_a_cancellation()
    {
        var time = new FakeTimeProvider();
        await using var pool = new AsyncPool<TestItem>(
            async ct =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return new TestItem();
            },
            new() { MaxSize = 1, CreateTimeout = TimeSpan.FromSeconds(1), TimeProvider = time });

        var creating = pool.RentAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<TimeoutException>(() => creating);
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public async Task A_factory_returning_null_is_reported()
    {
        await using var pool = new AsyncPool<TestItem>(_ => new ValueTask<TestItem>((TestItem)null!));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await pool.RentAsync());
        Assert.Contains("returned null", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public async Task A_factory_that_throws_synchronously_is_handled_like_one_that_fails_later()
    {
        await using var pool = new AsyncPool<TestItem>(_ => throw new InvalidCastException("sync"));
        await Assert.ThrowsAsync<InvalidCastException>(async () => await pool.RentAsync());
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public async Task A_factory_returning_an_item_already_in_the_pool_is_a_failed_creation_that_frees_its_slot()
    {
        var shared = new TestItem();
        await using var pool = new AsyncPool<TestItem>(_ => new ValueTask<TestItem>(shared), new() { MaxSize = 2 });
        using var first = await pool.RentAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await pool.RentAsync());
        Assert.Contains("already in the pool", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, pool.Count);
        Assert.False(shared.IsDisposed);
    }

    [Fact]
    public async Task A_factory_failing_synchronously_fails_thousands_of_waiters_without_recursing_through_them()
    {
        var fail = false;
        await using var pool = new AsyncPool<TestItem>(
            _ => fail ? throw new IOException("down") : new ValueTask<TestItem>(new TestItem()),
            new() { MaxSize = 1 });
        var held = await pool.RentAsync();
        var waiters = Enumerable.Range(0, 5000).Select(_ => pool.RentAsync().AsTask()).ToList();
        fail = true;
        held.Discard(); // frees the slot: each replacement fails and hands its error to the next waiter

        foreach (var waiter in waiters)
        {
            await Assert.ThrowsAsync<IOException>(() => waiter);
        }

        Assert.Equal(0, pool.Count);
        Assert.Equal(0, pool.WaitingCount);
    }
}
