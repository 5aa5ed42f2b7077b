using Microsoft.Extensions.Time.Testing;

namespace PoolRuntime.Tests;

public class FairnessTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Under_overload_a_returned_item_goes_to_the_newest_waiter_and_the_order_is_oldest_first_again_once_waits_are_short()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, TimeProvider = _time, ServeNewestFirstAfter = TimeSpan.FromSeconds(1) });
        pool.Add(new TestItem());
        var held = await pool.RentAsync();

        // Not overloaded: the oldest waiter has waited 0.5 s, under the threshold; it is served first.
        var first = pool.RentAsync().AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(300));
        var second = pool.RentAsync().AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(200));
        held.Dispose();
        held = await first;
        Assert.False(second.IsCompleted);

        // Overloaded: the oldest (second) has now waited 1.5 s; the item goes to the newest (third), who just came.
        _time.Advance(TimeSpan.FromMilliseconds(1300));
        var third = pool.RentAsync().AsTask();
        held.Dispose();
        held = await third;
        Assert.False(second.IsCompleted);

        // The one left is the oldest and the newest at once: it is served, and nothing was lost on the way.
        held.Dispose();
        using (await second)
        {
            Assert.Equal(0, pool.WaitingCount);
        }

        Assert.Equal(1, pool.Count);
        Assert.Equal(1, pool.IdleCount);
    }

    [Fact]
    public async Task Without_the_overload_setting_the_oldest_waiter_is_served_however_long_it_waited()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, TimeProvider = _time });
        pool.Add(new TestItem());
        var held = await pool.RentAsync();
        var oldest = pool.RentAsync().AsTask();
        _time.Advance(TimeSpan.FromSeconds(20));
        var newest = pool.RentAsync().AsTask();
        held.Dispose();
        (await oldest).Dispose();
        (await newest).Dispose();
    }

    [Fact]
    public void The_overload_setting_is_checked()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { ServeNewestFirstAfter = TimeSpan.Zero }));
        Assert.Contains("ServeNewestFirstAfter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiters_are_served_first_come_first_served()
    {
        await using var pool = new AsyncPool<TestItem>([new TestItem()]);
        var held = await pool.RentAsync();

        var order = new List<int>();
        var waiters = Enumerable.Range(0, 5).Select(async i =>
        {
            // Each waiter enqueues synchronously inside RentAsync, so enqueue order is i's order.
            var pending = pool.RentAsync();
            using var lease = await pending;
            lock (order)
            {
                order.Add(i);
            }
        }).ToList();

        Assert.Equal(5, pool.WaitingCount);
        held.Dispose();
        await Task.WhenAll(waiters);
        Assert.Equal([0, 1, 2, 3, 4], order);
    }

    [Fact]
    public async Task A_returned_item_goes_straight_to_the_oldest_waiter_so_newcomers_cannot_barge()
    {
        await using var pool = new AsyncPool<TestItem>([new TestItem()]);
        var held = await pool.RentAsync();
        var item = held.Value;
        var waiting = pool.RentAsync();
        Assert.False(waiting.IsCompleted);

        held.Dispose();

        // The item was handed over inside Dispose: it never became idle, so a newcomer finds nothing to take.
        Assert.Equal(0, pool.IdleCount);
        Assert.False(pool.TryRent(out _));
        var newcomer = pool.RentAsync(TimeSpan.Zero);
        await Assert.ThrowsAsync<PoolExhaustedException>(async () => await newcomer);

        using var lease = await waiting;
        Assert.Same(item, lease.Value);
    }

    [Fact]
    public async Task Waiting_does_not_block_a_thread()
    {
        await using var pool = new AsyncPool<TestItem>([new TestItem()]);
        var held = await pool.RentAsync();

        var waits = Enumerable.Range(0, 200).Select(_ => pool.RentAsync().AsTask()).ToList();

        // All 200 waits are pending, yet every one of them returned to its caller at once: none holds a thread.
        Assert.Equal(200, pool.WaitingCount);
        Assert.All(waits, w => Assert.False(w.IsCompleted));

        held.Dispose();
        foreach (var wait in waits)
        {
            (await wait).Dispose();
        }

        Assert.Equal(0, pool.WaitingCount);
        Assert.Equal(1, pool.IdleCount);
    }
}
