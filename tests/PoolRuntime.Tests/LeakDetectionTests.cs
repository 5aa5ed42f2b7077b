using Microsoft.Extensions.Time.Testing;

namespace PoolRuntime.Tests;

public class LeakDetectionTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_lease_held_past_the_threshold_is_reported_once_with_where_it_was_rented()
    {
        var factory = new CountingFactory();
        await using var pool = new AsyncPool<TestItem>(factory.CreateAsync, new() { MaxSize = 2, Name = "leaky", LeakDetectionThreshold = TimeSpan.FromSeconds(5), TimeProvider = _time });
        var reports = new List<PoolLeakEventArgs>();
        pool.LeakDetected += (_, leak) => reports.Add(leak);

        var forgotten = await pool.RentAsync();
        using (await pool.RentAsync())
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        var leak = Assert.Single(reports);
        Assert.Equal("leaky", leak.PoolName);
        Assert.InRange(leak.HeldFor, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7));
        Assert.Contains(nameof(A_lease_held_past_the_threshold_is_reported_once_with_where_it_was_rented), leak.RentStack, StringComparison.Ordinal);
        Assert.Contains("Possible leak in pool 'leaky'", leak.ToString(), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(reports);

        forgotten.Dispose();
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(reports);
    }

    [Fact]
    public async Task A_waiter_that_gets_an_item_is_blamed_for_its_own_rent()
    {
        await using var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 1, LeakDetectionThreshold = TimeSpan.FromSeconds(2), TimeProvider = _time });
        pool.Add(new TestItem());
        var reports = new List<PoolLeakEventArgs>();
        pool.LeakDetected += (_, leak) => reports.Add(leak);

        var first = await pool.RentAsync();
        var waiting = RentFromHere(pool);
        first.Dispose();
        using var second = await waiting;

        _time.Advance(TimeSpan.FromSeconds(3));
        var leak = Assert.Single(reports);
        Assert.Contains(nameof(RentFromHere), leak.RentStack, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_threshold_is_explained()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { LeakDetectionThreshold = TimeSpan.Zero }));
        Assert.Contains("LeakDetectionThreshold", error.Message, StringComparison.Ordinal);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ValueTask<PoolLease<TestItem>> RentFromHere(AsyncPool<TestItem> pool) => pool.RentAsync();
}
