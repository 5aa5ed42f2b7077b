using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace PoolRuntime.Tests;

/// <summary>
/// Thousands of concurrent callers renting, returning, discarding, cancelling and timing out at random, while a
/// monitor checks the bounds the whole time and the pool's invariants are checked from outside at the quiescent points
/// between phases and at the end. Bounded: a fixed number of operations, with a hard deadline.
/// </summary>
public class StressTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(16, false)]
    [InlineData(1, true)] // newest first whenever the oldest waiter has waited 10 ms: most hand-offs under this load
    [InlineData(4, true)]
    public async Task Invariants_hold_under_random_rents_discards_cancellations_and_timeouts(int maxSize, bool serveNewestUnderOverload)
    {
        const int Workers = 2000;
        const int OperationsPerWorker = 20;
        var factory = new CountingFactory();
        var pool = new AsyncPool<TestItem>(factory.CreateAsync, new()
        {
            MaxSize = maxSize,
            WaitTimeout = TimeSpan.FromMilliseconds(50),
            ServeNewestFirstAfter = serveNewestUnderOverload ? TimeSpan.FromMilliseconds(10) : null,
        });
        var violations = new ConcurrentQueue<string>();
        var outcomes = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();

        var monitor = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (count, idle, inUse) = (pool.Count, pool.IdleCount, pool.InUseCount);
                if (count > maxSize || idle > maxSize || inUse > maxSize)
                {
                    violations.Enqueue($"count {count}, idle {idle}, in use {inUse} over MaxSize {maxSize}");
                }

                await Task.Delay(1);
            }
        });

        const int Phases = 2;
        var randoms = Enumerable.Range(0, Workers).Select(seed => new Random(seed)).ToList();
        for (var phase = 0; phase < Phases; phase++)
        {
            var workers = Enumerable.Range(0, Workers).Select(seed => Task.Run(async () =>
            {
                var random = randoms[seed];
                for (var op = 0; op < OperationsPerWorker / Phases; op++)
                {
                    using var cancel = new CancellationTokenSource();
                    var roll = random.Next(100);
                    if (roll < 10)
                    {
                        cancel.CancelAfter(random.Next(0, 5));
                    }

                    try
                    {
                        if (roll is >= 10 and < 20)
                        {
                            var item = await pool.TryTakeAsync(TimeSpan.FromMilliseconds(random.Next(0, 3)), cancel.Token);
                            if (item is null)
                            {
                                outcomes.AddOrUpdate("null", 1, (_, n) => n + 1);
                                continue;
                            }

                            item.Enter();
                            await Task.Yield();
                            item.Exit();
                            pool.Add(item);
                            outcomes.AddOrUpdate("take", 1, (_, n) => n + 1);
                            continue;
                        }

                        using var lease = roll is >= 20 and < 30
                            ? await pool.RentAsync(TimeSpan.FromMilliseconds(random.Next(0, 2)), cancel.Token)
                            : await pool.RentAsync(cancel.Token);
                        lease.Value.Enter();
                        if (random.Next(50) == 0)
                        {
                            await Task.Delay(1); // a slow holder, so that waits really time out
                        }
                        else if (random.Next(4) == 0)
                        {
                            await Task.Yield();
                        }

                        lease.Value.Exit();
                        if (roll >= 95)
                        {
                            lease.Discard();
                            outcomes.AddOrUpdate("discard", 1, (_, n) => n + 1);
                        }
                        else
                        {
                            outcomes.AddOrUpdate("rent", 1, (_, n) => n + 1);
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        outcomes.AddOrUpdate("cancelled", 1, (_, n) => n + 1);
                    }
                    catch (PoolExhaustedException)
                    {
                        outcomes.AddOrUpdate("timeout", 1, (_, n) => n + 1);
                    }
                    catch (InvalidOperationException error)
                    {
                        violations.Enqueue(error.Message);
                    }
                }
            })).ToList();

            var all = Task.WhenAll(workers);
            var finished = await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(120)));
            Assert.True(finished == all, "the stress run did not finish within 120 s");
            await all;
            await AssertSettledInvariants(pool, maxSize);
        }

        await stop.CancelAsync();
        await monitor;

        output.WriteLine(string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")) + $"; items created {factory.Calls}");
        Assert.Empty(violations);
        Assert.Equal(Workers * OperationsPerWorker, outcomes.Values.Sum());
        Assert.True(outcomes.GetValueOrDefault("rent") > 0);

        // Every item ever made is either idle in the pool now or was discarded (and disposed): none lost, none in use.
        Assert.Equal(0, pool.WaitingCount);
        Assert.Equal(0, pool.InUseCount);
        var created = factory.Created;
        var alive = created.Where(i => !i.IsDisposed).ToList();
        Assert.Equal(pool.Count, alive.Count);
        Assert.Equal(pool.IdleCount, alive.Count);
        Assert.All(created, i => Assert.InRange(i.DisposeCount, 0, 1));
        Assert.InRange(pool.Count, 0, maxSize);

        await pool.DisposeAsync();
        Assert.All(created, i => Assert.Equal(1, i.DisposeCount));
    }

    [Fact]
    public async Task Rents_racing_returns_TryRent_and_the_collection_verbs_never_lease_an_item_twice()
    {
        // More items than cores and no await while holding: most rents find an idle item and pop it without the lock,
        // racing returns (locked pushes), TryRent and the collection verbs on the other core.
        await using var pool = new AsyncPool<TestItem>(Enumerable.Range(0, 4).Select(_ => new TestItem()));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long cycles = 0;
        var cyclesPerWorker = new long[32];
        var workers = Enumerable.Range(0, 32).Select(worker => Task.Run(async () =>
        {
            // At least a second and at least 100 cycles each: bounded by work, not by the machine's speed.
            while (clock.Elapsed < TimeSpan.FromSeconds(1) || cyclesPerWorker[worker] < 100)
            {
                if (worker % 8 == 0)
                {
                    var item = await pool.TakeAsync();
                    item.Enter();
                    item.Exit();
                    pool.Add(item);
                }
                else if (worker % 8 == 1 && pool.TryRent(out var tried))
                {
                    using (tried)
                    {
                        tried.Value.Enter();
                        tried.Value.Exit();
                    }
                }
                else
                {
                    using var lease = await pool.RentAsync();
                    lease.Value.Enter(); // throws if another caller holds the item
                    lease.Value.Exit();
                }

                Interlocked.Increment(ref cycles);
                cyclesPerWorker[worker]++;
            }
        })).ToList();

        await Task.WhenAll(workers);

        output.WriteLine($"{cycles:N0} rent/return cycles");
        Assert.Equal(4, pool.IdleCount);
        Assert.Equal(4, pool.Count);
        var idle = new List<TestItem>();
        while (pool.TryTake(out var item))
        {
            idle.Add(item);
        }

        Assert.Equal(4, idle.Distinct().Count());
    }

    /// <summary>
    /// The pool's invariants, read from outside once nobody rents or returns (a replacement started for a waiter that
    /// has gone may still be finishing, so the pool is first let settle): live = idle + in use, live + creating within
    /// MaxSize, nothing in use, nobody waiting, so no idle item while a caller waits.
    /// </summary>
    private static async Task AssertSettledInvariants(AsyncPool<TestItem> pool, int maxSize)
    {
        await Eventually.True(() => pool.CreatingCount == 0);
        Assert.Equal(0, pool.WaitingCount);
        Assert.Equal(0, pool.InUseCount);
        Assert.Equal(pool.Count, pool.IdleCount + pool.InUseCount);
        Assert.InRange(pool.Count + pool.CreatingCount, 0, maxSize);
    }
}
