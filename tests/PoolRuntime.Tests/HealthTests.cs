using Microsoft.Extensions.Time.Testing;

namespace PoolRuntime.Tests;

public class HealthTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly CountingFactory _factory = new();

    [Fact]
    public async Task Validate_is_skipped_for_an_item_used_within_the_bypass_window_and_run_after_it()
    {
        var checks = 0;
        await using var pool = new AsyncPool<TestItem>(_factory.CreateAsync, new()
        {
            TimeProvider = _time,
            Validate = (_, _) =>
            {
                checks++;
                return new ValueTask<bool>(true);
            },
        });

        (await pool.RentAsync()).Dispose();
        _time.Advance(TimeSpan.FromMilliseconds(400));
        (await pool.RentAsync()).Dispose();
        Assert.Equal(0, checks);

        _time.Advance(TimeSpan.FromMilliseconds(501));
        (await pool.RentAsync()).Dispose();
        Assert.Equal(1, checks);
        Assert.Equal(1, _factory.Calls);
    }

    [Fact]
    public async Task Items_that_fail_validation_or_throw_in_it_are_discarded_and_the_rent_goes_on_with_another()
    {
        await using var pool = new AsyncPool<TestItem>(_factory.CreateAsync, new()
        {
            MaxSize = 3,
            TimeProvider = _time,
            Validate = (item, _) =>
                item == _factory.Created[0] ? throw new IOException("PING failed")
                : new ValueTask<bool>(item != _factory.Created[1]),
        });
        var first = await pool.RentAsync();
        var second = await pool.RentAsync();
        first.Dispose();
        second.Dispose(); // idle, newest first: item 1 (fails), then item 0 (throws)
        _time.Advance(TimeSpan.FromSeconds(1));

        using var lease = await pool.RentAsync();
        Assert.Same(_factory.Created[2], lease.Value);
        Assert.True(_factory.Created[0].IsDisposed);
        Assert.True(_factory.Created[1].IsDisposed);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public async Task Items_expire_after_MaxLifetime_less_up_to_ten_percent_jitter()
    {
        await using var pool = EightItemsLivingOneHundredSeconds();
        (await RentAll(pool, 8)).ForEach(l => l.Dispose());

        _time.Advance(TimeSpan.FromSeconds(89));
        Assert.Equal(8, pool.Count);
        Assert.DoesNotContain(_factory.Created, i => i.IsDisposed);

        // Past 90% of the lifetime items start to go, at different instants; all are gone by 100%.
        _time.Advance(TimeSpan.FromSeconds(11));
        var leases = await RentAll(pool, 8);

        Assert.All(_factory.Created.Take(8), item => Assert.True(item.IsDisposed));
        Assert.All(leases, l => Assert.DoesNotContain(l.Value, _factory.Created.Take(8)));
        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task Items_created_together_expire_at_different_instants_in_the_last_tenth_of_MaxLifetime()
    {
        await using var pool = EightItemsLivingOneHundredSeconds();
        (await RentAll(pool, 8)).ForEach(l => l.Dispose());
        var first = _factory.Created.Take(8).ToList();

        // Second by second through the last tenth: renting every item checks each one's deadline (an expired one is
        // disposed and replaced), so each original item's second of expiry is seen.
        _time.Advance(TimeSpan.FromSeconds(90));
        var expiredAt = new Dictionary<TestItem, int>();
        for (var second = 90; second <= 100; second++)
        {
            (await RentAll(pool, 8)).ForEach(l => l.Dispose());
            foreach (var item in first.Where(item => item.IsDisposed))
            {
                expiredAt.TryAdd(item, second);
            }

            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(8, expiredAt.Count);
        Assert.DoesNotContain(90, expiredAt.Values);
        // Without the jitter all eight would go in the same second; with it, all in one second has a chance of about 1 in 10^7.
        Assert.True(expiredAt.Values.Distinct().Count() > 1, $"all eight items expired at second {expiredAt.Values.First()}");
    }

    [Fact]
    public async Task An_expired_item_coming_back_is_disposed_not_reused()
    {
        await using var pool = new AsyncPool<TestItem>(_factory.CreateAsync, new() { MaxLifetime = TimeSpan.FromSeconds(10), TimeProvider = _time });
        var lease = await pool.RentAsync();
        _time.Advance(TimeSpan.FromSeconds(11));
        lease.Dispose();
        Assert.True(_factory.Created[0].IsDisposed);
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public async Task Idle_items_are_trimmed_after_IdleTimeout_down_to_MinSize()
    {
        await using var pool = new AsyncPool<TestItem>(_factory.CreateAsync, new()
        {
            MaxSize = 4,
            MinSize = 1,
            IdleTimeout = TimeSpan.FromSeconds(10),
            TimeProvider = _time,
        });
        await pool.WarmUpAsync();
        (await RentAll(pool, 4)).ForEach(l => l.Dispose());
        Assert.Equal(4, pool.IdleCount);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(4, pool.Count);

        _time.Advance(TimeSpan.FromSeconds(5)); // past the idle timeout, and past a maintenance pass (every 2.5 s here)
        Assert.Equal(1, pool.Count);
        Assert.Equal(3, _factory.Created.Count(i => i.IsDisposed));
    }

    [Fact]
    public async Task MinSize_is_created_in_the_background_and_WarmUpAsync_waits_for_it()
    {
        await using var pool = new AsyncPool<TestItem>(_factory.CreateAsync, new() { MaxSize = 5, MinSize = 3, TimeProvider = _time });
        await pool.WarmUpAsync();
        Assert.Equal(3, pool.Count);
        Assert.Equal(3, pool.IdleCount);
        Assert.Equal(3, _factory.Calls);
    }

    [Fact]
    public async Task MinSize_is_created_in_the_background_without_a_rent_or_a_warm_up()
    {
        await using var pool = new AsyncPool<TestItem>(_factory.CreateAsync, new() { MaxSize = 5, MinSize = 3, TimeProvider = _time });
        await Eventually.True(() => pool.IdleCount == 3);
        Assert.Equal(3, _factory.Calls);
        Assert.Equal(3, pool.Count);
    }

    [Fact]
    public async Task Maintenance_tops_the_pool_back_up_to_MinSize_after_discards()
    {
        await using var pool = new AsyncPool<TestItem>(_factory.CreateAsync, new() { MaxSize = 5, MinSize = 2, IdleTimeout = TimeSpan.FromSeconds(4), TimeProvider = _time });
        await pool.WarmUpAsync();
        (await pool.RentAsync()).Discard();
        (await pool.RentAsync()).Discard();
        Assert.Equal(0, pool.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.True(() => pool.Count == 2);
    }

    private AsyncPool<TestItem> EightItemsLivingOneHundredSeconds() => new(_factory.CreateAsync, new()
    {
        MaxSize = 8,
        IdleTimeout = null,
        MaxLifetime = TimeSpan.FromSeconds(100),
        TimeProvider = _time,
    });

    private static async Task<List<PoolLease<TestItem>>> RentAll(AsyncPool<TestItem> pool, int count)
    {
        var leases = new List<PoolLease<TestItem>>(count);
        for (var i = 0; i < count; i++)
        {
            leases.Add(await pool.RentAsync());
        }

        return leases;
    }
}
