namespace PoolRuntime.Tests;

public class CancellationTests
{
    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_at_once()
    {
        await using var pool = new AsyncPool<TestItem>([new TestItem()]);
        using var held = await pool.RentAsync();
        using var cancel = new CancellationTokenSource();
        var waiting = pool.RentAsync(cancel.Token).AsTask();
        var behind = pool.RentAsync().AsTask();
        Assert.Equal(2, pool.WaitingCount);

        await cancel.CancelAsync();

        Assert.Equal(1, pool.WaitingCount);
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(cancel.Token, error.CancellationToken);
        held.Dispose();
        (await behind).Dispose();
    }

    [Fact]
    public async Task An_already_cancelled_token_fails_without_queueing()
    {
        await using var pool = new AsyncPool<TestItem>([new TestItem()]);
        using var held = await pool.RentAsync();
        var pending = pool.RentAsync(new CancellationToken(canceled: true));
        Assert.True(pending.IsCanceled);
        Assert.Equal(0, pool.WaitingCount);
    }

    [Fact]
    public async Task An_already_cancelled_token_fails_even_when_an_item_is_idle()
    {
        await using var pool = new AsyncPool<TestItem>([new TestItem()]);
        var canceled = new CancellationToken(canceled: true);
        Assert.True(pool.RentAsync(canceled).AsTask().IsCanceled);
        Assert.True(pool.TryTakeAsync(TimeSpan.FromSeconds(1), canceled).AsTask().IsCanceled);
        Assert.Equal(1, pool.IdleCount);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await pool.RentAsync(TimeSpan.FromSeconds(-3)));
        Assert.Equal(1, pool.IdleCount);
    }

    [Fact]
    public async Task An_item_returned_as_its_waiter_is_cancelled_goes_to_the_next_waiter()
    {
        await using var pool = new AsyncPool<TestItem>([new TestItem()]);
        var held = await pool.RentAsync();
        var item = held.Value;
        using var cancel = new CancellationTokenSource();

        // Cancel "at the same instant": the token fires, but the callback that would unlink the waiter has not run
        // yet. A registration made before the pool's runs after it, so block the pool's callback behind our own.
        var unblock = new ManualResetEventSlim();
        var first = pool.RentAsync(cancel.Token).AsTask();
        var second = pool.RentAsync().AsTask();
        cancel.Token.Register(() => unblock.Wait());
        var cancelling = Task.Run(cancel.Cancel);
        await Eventually.True(() => cancel.IsCancellationRequested);

        held.Dispose(); // the first waiter's token is already cancelled: the item must skip it
        unblock.Set();
        await cancelling;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        using var lease = await second;
        Assert.Same(item, lease.Value);
        Assert.Equal(0, pool.WaitingCount);
    }

    [Fact]
    public async Task Cancelling_many_waiters_at_random_instants_loses_no_item()
    {
        var items = Enumerable.Range(0, 4).Select(_ => new TestItem()).ToArray();
        await using var pool = new AsyncPool<TestItem>(items);
        var random = new Random(7);
        var rounds = Enumerable.Range(0, 2000).Select(async i =>
        {
            using var cancel = new CancellationTokenSource();
            cancel.CancelAfter(random.Next(0, 3));
            try
            {
                using var lease = await pool.RentAsync(cancel.Token);
                lease.Value.Enter();
                await Task.Yield();
                lease.Value.Exit();
            }
            catch (OperationCanceledException)
            {
            }
        });
        await Task.WhenAll(rounds);

        Assert.Equal(0, pool.WaitingCount);
        Assert.Equal(4, pool.IdleCount);
        Assert.Equal(4, pool.Count);
    }
}
