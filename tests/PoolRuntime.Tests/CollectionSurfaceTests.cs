namespace PoolRuntime.Tests;

/// <summary>The BlockingCollection-shaped verbs that let a code fix swap the type and keep the code compiling.</summary>
public class CollectionSurfaceTests
{
    [Fact]
    public async Task Add_then_Take_and_give_back_like_a_BlockingCollection_pool()
    {
        await using var pool = new AsyncPool<TestItem>(2);
        pool.Add(new TestItem());
        pool.Add(new TestItem());
        Assert.Equal(2, pool.BoundedCapacity);
        Assert.Equal(2, pool.IdleCount);

        var a = pool.Take();
        Assert.True(pool.TryTake(out var b, TimeSpan.FromSeconds(1)));
        Assert.False(pool.TryTake(out _));
        Assert.Equal(2, pool.InUseCount);

        pool.Add(a);
        Assert.True(pool.TryAdd(b));
        Assert.Equal(2, pool.IdleCount);
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public async Task Adding_an_item_that_is_already_idle_is_a_clear_error_and_changes_nothing()
    {
        await using var pool = new AsyncPool<TestItem>(2);
        var item = new TestItem();
        pool.Add(item);

        var error = Assert.Throws<InvalidOperationException>(() => pool.Add(item));
        Assert.Contains("given back twice", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => pool.TryAdd(item));
        Assert.Equal(1, pool.Count);
        Assert.Equal(1, pool.IdleCount);
    }

    [Fact]
    public async Task Adding_beyond_MaxSize_throws_and_TryAdd_says_false()
    {
        await using var pool = new AsyncPool<TestItem>(1);
        pool.Add(new TestItem());
        var extra = new TestItem();

        var error = Assert.Throws<InvalidOperationException>(() => pool.Add(extra));
        Assert.Contains("is full (MaxSize 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("still yours", error.Message, StringComparison.Ordinal);
        Assert.False(pool.TryAdd(extra));
        Assert.False(extra.IsDisposed);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public async Task Add_of_a_new_item_goes_to_a_waiting_taker()
    {
        await using var pool = new AsyncPool<TestItem>(1);
        var waiting = pool.TakeAsync().AsTask();
        var item = new TestItem();
        pool.Add(item);
        Assert.Same(item, await waiting);
        Assert.Equal(1, pool.InUseCount);
        pool.Add(item);
        Assert.Equal(1, pool.IdleCount);
    }

    [Fact]
    public async Task Synchronous_Take_blocks_only_its_own_thread_until_an_item_comes_back()
    {
        await using var pool = new AsyncPool<TestItem>(1);
        var item = new TestItem();
        pool.Add(item);
        var taken = pool.Take();

        var blocked = Task.Factory.StartNew(() => pool.Take(), TaskCreationOptions.LongRunning);
        await Eventually.True(() => pool.WaitingCount == 1); // the blocked Take is queued, and this thread runs on
        Assert.False(blocked.IsCompleted);
        pool.Add(taken);
        Assert.Same(item, await blocked);
    }

    [Fact]
    public async Task Synchronous_TryTake_with_a_timeout_returns_false_when_it_runs_out()
    {
        await using var pool = new AsyncPool<TestItem>(1);
        pool.Add(new TestItem());
        var taken = pool.Take();
        Assert.False(pool.TryTake(out var none, 50));
        Assert.Null(none);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        Assert.ThrowsAny<OperationCanceledException>(() => pool.TryTake(out _, Timeout.Infinite, cancel.Token));
        pool.Add(taken);
    }

    [Fact]
    public async Task An_unbounded_pool_takes_any_number_of_items()
    {
        await using var pool = new AsyncPool<TestItem>();
        Assert.Equal(int.MaxValue, pool.MaxSize);
        var items = Enumerable.Range(0, 100).Select(_ => new TestItem()).ToList();
        items.ForEach(pool.Add);
        Assert.Equal(100, pool.IdleCount);
        var taken = Enumerable.Range(0, 100).Select(_ => pool.Take()).ToList();
        Assert.Equal(items.OrderBy(i => i.Id), taken.OrderBy(i => i.Id));
        taken.ForEach(pool.Add);
        Assert.Equal(100, pool.Count);
    }

    [Fact]
    public async Task Prefilled_pool_holds_its_items_and_can_get_room_for_more()
    {
        await using var exact = new AsyncPool<TestItem>([new TestItem(), new TestItem()]);
        Assert.Equal(2, exact.MaxSize);
        Assert.Equal(2, exact.IdleCount);

        await using var roomy = new AsyncPool<TestItem>([new TestItem()], maxSize: 3);
        Assert.Equal(3, roomy.MaxSize);
        roomy.Add(new TestItem());
        Assert.Equal(2, roomy.Count);

        Assert.Throws<ArgumentException>(() => new AsyncPool<TestItem>([new TestItem(), new TestItem()], maxSize: 1));
    }

    [Fact]
    public async Task Bad_arguments_are_explained()
    {
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => new AsyncPool<TestItem>(0));
        Assert.Contains("at least 1", zero.Message, StringComparison.Ordinal);

        var minSize = Assert.Throws<ArgumentOutOfRangeException>(() => new AsyncPool<TestItem>(_ => default, new() { MaxSize = 2, MinSize = 3 }));
        Assert.Contains("between 0 and MaxSize (2)", minSize.Message, StringComparison.Ordinal);

        var noFactory = Assert.Throws<ArgumentException>(() => new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 2, MinSize = 1 }));
        Assert.Contains("need a factory", noFactory.Message, StringComparison.Ordinal);

        var wait = Assert.Throws<ArgumentOutOfRangeException>(() => new AsyncPool<TestItem>(_ => default, new() { WaitTimeout = TimeSpan.FromSeconds(-2) }));
        Assert.Contains("WaitTimeout", wait.Message, StringComparison.Ordinal);

        using var pool = new AsyncPool<TestItem>(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.TryTake(out _, -5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await pool.RentAsync(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentNullException>(() => pool.Add(null!));
        Assert.Throws<ArgumentNullException>(() => new AsyncPool<TestItem>((Func<CancellationToken, ValueTask<TestItem>>)null!));
    }
}
