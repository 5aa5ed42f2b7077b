namespace PoolRuntime.Tests;

public class ShutdownTests
{
    [Fact]
    public async Task DisposeAsync_fails_every_waiter_with_ObjectDisposedException()
    {
        var pool = new AsyncPool<TestItem>([new TestItem()]);
        var held = await pool.RentAsync();
        var waiters = Enumerable.Range(0, 10).Select(_ => pool.RentAsync().AsTask()).ToList();

        await pool.DisposeAsync();

        foreach (var waiter in waiters)
        {
            var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => waiter);
            Assert.Contains("disposed while this caller waited", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, pool.WaitingCount);
        held.Dispose();
    }

    [Fact]
    public async Task Idle_items_are_disposed_and_items_in_use_are_disposed_when_they_come_back()
    {
        var factory = new CountingFactory();
        var pool = new AsyncPool<TestItem>(factory.CreateAsync, new() { MaxSize = 3 });
        var inUse = await pool.RentAsync();
        var taken = await pool.TakeAsync();
        (await pool.RentAsync()).Dispose();
        var idle = factory.Created[2];

        await pool.DisposeAsync();
        Assert.True(idle.IsDisposed);
        Assert.False(inUse.Value.IsDisposed);

        var item = inUse.Value;
        inUse.Dispose();
        Assert.True(item.IsDisposed);
        pool.Add(taken);
        Assert.True(taken.IsDisposed);
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public async Task A_disposed_pool_refuses_new_work_with_a_clear_message()
    {
        var pool = new AsyncPool<TestItem>(2);
        pool.Dispose();
        pool.Dispose();
        await pool.DisposeAsync();

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pool.RentAsync());
        Assert.Contains("was disposed", error.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => pool.TryRent(out _));
        var foreign = new TestItem();
        Assert.Throws<ObjectDisposedException>(() => pool.Add(foreign));
        Assert.False(foreign.IsDisposed);
    }

    [Fact]
    public async Task Async_only_items_are_disposed_asynchronously()
    {
        var item = new AsyncOnlyItem();
        var pool = new AsyncPool<AsyncOnlyItem>([item]);
        await pool.DisposeAsync();
        Assert.True(item.IsDisposed);
    }

    [Fact]
    public async Task An_item_created_after_disposal_is_disposed_and_the_caller_told()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var made = new TestItem();
        var pool = new AsyncPool<TestItem>(async _ =>
        {
            await gate.Task;
            return made;
        });
        var creating = pool.RentAsync().AsTask();
        await pool.DisposeAsync();
        gate.SetResult();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => creating);

        // The caller is told at once; the item the factory still produces is disposed when it arrives.
        await Eventually.True(() => made.IsDisposed);
    }

    [Fact]
    public async Task DisposeItems_false_leaves_items_to_their_owner()
    {
        var item = new TestItem();
        var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, DisposeItems = false });
        pool.Add(item);
        await pool.DisposeAsync();
        Assert.False(item.IsDisposed);
    }

    [Fact]
    public async Task A_creation_under_way_for_a_caller_is_cancelled_by_disposal()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var factoryCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pool = new AsyncPool<TestItem>(async ct =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                factoryCancelled.SetResult();
                throw;
            }

            return new TestItem();
        });
        var creating = pool.RentAsync().AsTask();
        await started.Task;
        Assert.False(factoryCancelled.Task.IsCompleted);
        await pool.DisposeAsync();
        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => creating);
        Assert.Contains("was disposed while an item was being created", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, pool.Count);

        // The factory itself is told to stop: its token is cancelled by the disposal, and its wait ends.
        await factoryCancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
