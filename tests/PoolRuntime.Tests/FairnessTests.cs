namespace PoolRuntime.Tests;

public class FairnessTests
{
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
