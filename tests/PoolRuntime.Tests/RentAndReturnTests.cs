namespace PoolRuntime.Tests;

public class RentAndReturnTests
{
    [Fact]
    public async Task Creates_lazily_up_to_MaxSize_and_reuses_returned_items()
    {
        var factory = new CountingFactory();
        await using var pool = new AsyncPool<TestItem>(factory.CreateAsync, new() { MaxSize = 2 });
        Assert.Equal(0, factory.Calls);

        var first = await pool.RentAsync();
        var second = await pool.RentAsync();
        Assert.Equal(2, pool.Count);
        Assert.Equal(2, pool.InUseCount);
        Assert.NotSame(first.Value, second.Value);
        Assert.Null(await pool.TryTakeAsync(TimeSpan.Zero)); // MaxSize reached: no third item is created
        Assert.Equal(2, factory.Calls);

        first.Dispose();
        Assert.Equal(1, pool.IdleCount);
        var third = await pool.RentAsync();
        Assert.Same(factory.Created[0], third.Value);
        Assert.Equal(2, factory.Calls);
        second.Dispose();
        third.Dispose();
        Assert.Equal(2, pool.IdleCount);
    }

    [Fact]
    public async Task Idle_items_are_reused_last_returned_first()
    {
        await using var pool = new AsyncPool<TestItem>([new TestItem(), new TestItem(), new TestItem()]);
        var a = await pool.RentAsync();
        var b = await pool.RentAsync();
        var c = await pool.RentAsync();
        var (itemA, itemB, itemC) = (a.Value, b.Value, c.Value);

        b.Dispose();
        a.Dispose();
        c.Dispose();

        Assert.True(pool.TryRent(out var first));
        Assert.True(pool.TryRent(out var second));
        Assert.True(pool.TryRent(out var third));
        Assert.Same(itemC, first.Value);
        Assert.Same(itemA, second.Value);
        Assert.Same(itemB, third.Value);
        first.Dispose();
        second.Dispose();
        third.Dispose();
    }

    [Fact]
    public async Task Disposing_a_lease_twice_returns_the_item_once()
    {
        await using var pool = new AsyncPool<TestItem>([new TestItem()]);
        var lease = await pool.RentAsync();
        lease.Dispose();
        lease.Dispose();
        await lease.DisposeAsync();
        Assert.Equal(1, pool.IdleCount);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public async Task A_stale_copy_of_a_lease_never_returns_an_item_rented_since()
    {
        await using var pool = new AsyncPool<TestItem>([new TestItem()]);
        var first = await pool.RentAsync();
        var staleCopy = first;
        first.Dispose();

        var second = await pool.RentAsync();
        Assert.False(staleCopy.IsActive);
        staleCopy.Dispose();
        staleCopy.Discard();

        Assert.True(second.IsActive);
        Assert.Equal(0, pool.IdleCount);
        Assert.Equal(1, pool.InUseCount);
        var error = Assert.Throws<ObjectDisposedException>(() => staleCopy.Value);
        Assert.Contains("already returned or discarded", error.Message, StringComparison.Ordinal);
        second.Dispose();
    }

    [Fact]
    public async Task Discard_then_dispose_in_a_using_block_evicts_once_and_frees_the_slot()
    {
        var factory = new CountingFactory();
        await using var pool = new AsyncPool<TestItem>(factory.CreateAsync, new() { MaxSize = 1 });

        TestItem? broken = null;
        try
        {
            using var lease = await pool.RentAsync();
            broken = lease.Value;
            try
            {
                throw new IOException("connection reset");
            }
            catch
            {
                lease.Discard();
                throw;
            }
        }
        catch (IOException)
        {
        }

        Assert.Equal(0, pool.Count);
        Assert.Equal(0, pool.IdleCount);
        Assert.Same(factory.Created[0], broken);
        Assert.Equal(1, broken!.DisposeCount);

        using var replacement = await pool.RentAsync();
        Assert.NotSame(broken, replacement.Value);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Default_lease_is_inert_and_says_so()
    {
        var lease = default(PoolLease<TestItem>);
        lease.Dispose();
        lease.Discard();
        Assert.False(lease.IsActive);
        var error = Assert.Throws<ObjectDisposedException>(() => lease.Value);
        Assert.Contains("never rented", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryRent_never_waits_and_never_creates()
    {
        var factory = new CountingFactory();
        await using var pool = new AsyncPool<TestItem>(factory.CreateAsync, new() { MaxSize = 1 });
        Assert.False(pool.TryRent(out _));
        Assert.Equal(0, factory.Calls);

        (await pool.RentAsync()).Dispose();
        Assert.True(pool.TryRent(out var lease));
        Assert.False(pool.TryRent(out _));
        lease.Dispose();
    }
}
