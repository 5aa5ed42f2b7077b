using PoolRuntime.Items;

namespace PoolRuntime.Tests;

/// <summary>
/// The idle stack pops without a lock while pushes, trimming and growth run under one (as in the pool). Threads hammer
/// it and check that no item is ever popped by two of them at once and that none is lost or duplicated; then the same
/// races are staged on one thread, so that each guard (the version, the exclusive bit) has a test that fails without it.
/// </summary>
public sealed class IdleStackTests : IDisposable
{
    private readonly AsyncPool<TestItem> _owner = new();

    public void Dispose() => _owner.Dispose();

    [Fact]
    public void Pops_without_a_lock_never_hand_out_an_item_twice_while_pushes_trimming_and_growth_run_under_one()
    {
        var (stack, all) = StackOf(3, maxCapacity: 64);
        var gate = new object();

        var doubles = 0;
        var pops = 0;
        var stop = 0;
        var poppers = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                if (stack.TryPop() is not { } item)
                {
                    continue;
                }

                Interlocked.Increment(ref pops);
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
        // Bounded by work, not by time: at least 20,000 locked rounds and 20,000 lock-free pops, the array grown to 60
        // items, however slow the machine (the time limit only stops a run that cannot get there, and fails it).
        var removed = new List<PooledItem<TestItem>>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rounds = 0;
        for (; (rounds < 20_000 || Volatile.Read(ref pops) < 20_000 || all.Count < 60) && clock.Elapsed < TimeSpan.FromSeconds(60); rounds++)
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

                if (rounds % 100 == 0 && all.Count < 60)
                {
                    var item = NewItem();
                    all.Add(item);
                    stack.Push(item);
                }
            }
        }

        Volatile.Write(ref stop, 1);
        poppers.ForEach(t => t.Join());

        Assert.True(rounds >= 20_000 && pops >= 20_000 && all.Count >= 60, $"the race ran too little to mean anything: {rounds} rounds, {pops} pops, {all.Count} items");
        Assert.Equal(0, doubles);
        var drained = new List<PooledItem<TestItem>>();
        stack.DrainTo(drained);
        Assert.Equal(all.Count, drained.Count);
        Assert.Equal(all.Count, drained.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(0, stack.Count);
        Assert.Null(stack.TryPop());
    }

    // The races below, made to happen on one thread: a pop is stopped between reading the top and committing, the
    // stack is changed, and the commit must fail. The stress test above can only hope to hit these windows.

    [Fact]
    public void A_pop_fails_when_the_top_was_popped_and_a_new_item_pushed_in_its_place_meanwhile()
    {
        var (stack, items) = StackOf(2);
        Assert.True(stack.TryReadTop(out var state, out var top));
        Assert.Same(items[1], top);

        // Another caller rents the top item and a third returns a different one to the same slot: the count is back
        // where it was, so only the version tells the two states apart (the ABA case).
        Assert.Same(items[1], stack.TryPop());
        var returned = NewItem();
        stack.Push(returned);

        Assert.False(stack.TryCommitPop(state)); // committing would hand out items[1], which is rented
        Assert.Same(returned, stack.TryPop());
        Assert.Same(items[0], stack.TryPop());
        Assert.Null(stack.TryPop());
    }

    [Fact]
    public void A_pop_fails_when_trimming_rearranged_the_slots_meanwhile()
    {
        var (stack, items) = StackOf(3);
        Assert.True(stack.TryReadTop(out var state, out var top));
        Assert.Same(items[2], top);

        // The trim moves items[2] down a slot, and a return brings the count back to 3: committing would hand out
        // items[2] and leave it in the stack as well.
        var removed = new List<PooledItem<TestItem>>();
        stack.RemoveWhere(item => item == items[0], removed);
        var returned = NewItem();
        stack.Push(returned);

        Assert.False(stack.TryCommitPop(state));
        Assert.Equal([items[0]], removed);
        Assert.Same(returned, stack.TryPop());
        Assert.Same(items[2], stack.TryPop());
        Assert.Same(items[1], stack.TryPop());
        Assert.Null(stack.TryPop());
    }

    [Fact]
    public void A_pop_steps_aside_while_trimming_rearranges_the_slots()
    {
        var (stack, items) = StackOf(3);
        var popsDuringTrim = new List<PooledItem<TestItem>?>();

        // The trim asks about each item while it holds the slots; a pop from inside that moment stands for one racing it.
        stack.RemoveWhere(
            item =>
            {
                popsDuringTrim.Add(stack.TryPop());
                return item == items[1];
            },
            []);

        Assert.Equal([null, null, null], popsDuringTrim);
        Assert.Same(items[2], stack.TryPop());
        Assert.Same(items[0], stack.TryPop());
    }

    [Fact]
    public void A_pop_fails_when_the_stack_grew_and_shrank_back_meanwhile()
    {
        var (stack, items) = StackOf(16, maxCapacity: 64);
        Assert.True(stack.TryReadTop(out var state, out var top));
        Assert.Same(items[15], top);

        // Rent the top, return two (the second moves the items to a larger array), rent one: 16 items again, and
        // items[15] is rented.
        Assert.Same(items[15], stack.TryPop());
        var first = NewItem();
        var second = NewItem();
        stack.Push(first);
        stack.Push(second);
        Assert.Same(second, stack.TryPop());

        Assert.False(stack.TryCommitPop(state));
        Assert.Equal(16, stack.Count);
        Assert.Same(first, stack.TryPop());
    }

    [Fact]
    public void An_empty_stack_has_no_top()
    {
        var (stack, _) = StackOf(0);
        Assert.False(stack.TryReadTop(out _, out var item));
        Assert.Null(item);
    }

    private PooledItem<TestItem> NewItem() => new(_owner, new TestItem(), 0, long.MaxValue);

    private (IdleStack<TestItem> Stack, List<PooledItem<TestItem>> Items) StackOf(int count, int maxCapacity = 16)
    {
        var stack = new IdleStack<TestItem>(maxCapacity);
        var items = Enumerable.Range(0, count).Select(_ => NewItem()).ToList();
        items.ForEach(stack.Push);
        return (stack, items);
    }
}
