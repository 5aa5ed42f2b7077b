using PoolRuntime.Items;

namespace PoolRuntime.Tests;

/// <summary>
/// The idle stack pops without a lock while pushes, trimming and growth run under one (as in the pool). Threads hammer
/// it and check that no item is ever popped by two of them at once and that none is lost or duplicated.
/// </summary>
public class IdleStackTests
{
    [Fact]
    public void Pops_without_a_lock_never_hand_out_an_item_twice_while_pushes_trimming_and_growth_run_under_one()
    {
        using var pool = new AsyncPool<TestItem>();
        var stack = new IdleStack<TestItem>(maxCapacity: 64);
        var gate = new object();
        var all = new List<PooledItem<TestItem>>();
        for (var i = 0; i < 3; i++)
        {
            var item = new PooledItem<TestItem>(pool, new TestItem(), 0, long.MaxValue);
            all.Add(item);
            stack.Push(item);
        }

        var doubles = 0;
        var stop = 0;
        var poppers = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                if (stack.TryPop() is not { } item)
                {
                    continue;
                }

                try
                {
                    item.Value.Enter();
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref doubles);
                }

                Thread.SpinWait(Random.Shared.Next(1, 50));
                item.Value.Exit();
                lock (gate)
                {
                    stack.Push(item);
                }
            }
        })).ToList();
        poppers.ForEach(t => t.Start());

        // Under the lock, as the pool's maintenance and returns do: trim an item and put it back, and add new items so
        // the array has to grow while pops run.
        var removed = new List<PooledItem<TestItem>>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var round = 0; clock.ElapsedMilliseconds < 1000; round++)
        {
            lock (gate)
            {
                removed.Clear();
                var first = true;
                stack.RemoveWhere(item => first && !(first = false), removed);
                foreach (var item in removed)
                {
                    stack.Push(item);
                }

                if (round % 100 == 0 && all.Count < 60)
                {
                    var item = new PooledItem<TestItem>(pool, new TestItem(), 0, long.MaxValue);
                    all.Add(item);
                    stack.Push(item);
                }
            }
        }

        Volatile.Write(ref stop, 1);
        poppers.ForEach(t => t.Join());

        Assert.Equal(0, doubles);
        var drained = new List<PooledItem<TestItem>>();
        stack.DrainTo(drained);
        Assert.Equal(all.Count, drained.Count);
        Assert.Equal(all.Count, drained.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(0, stack.Count);
        Assert.Null(stack.TryPop());
    }
}
