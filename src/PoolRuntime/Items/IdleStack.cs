using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;

namespace PoolRuntime.Items;

/// <summary>
/// Idle items, last returned on top: the hottest item is reused first and cold ones sink to the bottom, where idle
/// trimming finds them. The array grows (doubling, up to the pool's MaxSize) only while the pool grows, so pushing
/// allocates nothing in steady state, and an unbounded pool does not reserve room up front.
/// </summary>
/// <remarks>
/// Popping needs no lock, so the rent fast path takes none; everything else runs under the pool's lock. One state
/// word holds the count, a version that every change moves on (so a pop that read a slot before someone else popped
/// and pushed there fails its compare-and-swap instead of taking a leased item), and an "exclusive" bit that a locked
/// operation rearranging the slots sets first, so that concurrent pops step aside (the rent then takes the lock and
/// waits its turn).
/// </remarks>
internal sealed class IdleStack<T>
    where T : class
{
    private const int InitialCapacity = 16;
    private const long CountMask = 0x7FFF_FFFF;
    private const long ExclusiveBit = 0x8000_0000;
    private const long VersionUnit = 1L << 32;

    private readonly int _maxCapacity;
    private PooledItem<T>?[] _items;
    private long _state;

    public IdleStack(int maxCapacity)
    {
        _maxCapacity = maxCapacity;
        _items = new PooledItem<T>?[Math.Min(maxCapacity, InitialCapacity)];
    }

    public int Count => (int)(Volatile.Read(ref _state) & CountMask);

    /// <summary>
    /// Pops the top item; safe from any thread, with or without the pool's lock. Returns null when the stack is empty,
    /// and also while a locked operation rearranges it (a caller without the lock then goes the locked way).
    /// </summary>
    public PooledItem<T>? TryPop()
    {
        while (true)
        {
            if (!TryReadTop(out var state, out var item))
            {
                return null;
            }

            if (TryCommitPop(state))
            {
                // The slot keeps its reference until a push overwrites it or trimming clears it: clearing it here
                // could erase an item that a push has put there since.
                return item;
            }
        }
    }

    /// <summary>
    /// The first half of a pop: the state word and the item on top, or false when there is none or a locked operation
    /// is rearranging the slots. A separate step so that tests can change the stack between the halves.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryReadTop(out long state, [NotNullWhen(true)] out PooledItem<T>? item)
    {
        state = Volatile.Read(ref _state);
        var count = state & CountMask;
        if (count == 0 || (state & ExclusiveBit) != 0)
        {
            item = null;
            return false;
        }

        // A slot below the top is empty only while a trim or drain clears slots, which sets the exclusive bit after
        // the state was read: step aside then, as when the bit is seen.
        item = Volatile.Read(ref _items)[count - 1];
        return item is not null;
    }

    /// <summary>The second half of a pop: takes the item read with <paramref name="state"/>, unless anything changed the stack since.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryCommitPop(long state) => Interlocked.CompareExchange(ref _state, state + VersionUnit - 1, state) == state;

    /// <summary>Pushes an item. Under the pool's lock; pops may run concurrently.</summary>
    public void Push(PooledItem<T> item)
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            var count = (int)(state & CountMask);
            if (count == _items.Length)
            {
                Grow();
                continue;
            }

            _items[count] = item;
            if (Interlocked.CompareExchange(ref _state, state + VersionUnit + 1, state) == state)
            {
                return;
            }
        }
    }

    /// <summary>Removes the items <paramref name="shouldRemove"/> picks, asking oldest first, keeping the rest in order. Under the pool's lock.</summary>
    public void RemoveWhere(Func<PooledItem<T>, bool> shouldRemove, List<PooledItem<T>> removed)
    {
        var count = EnterExclusive();
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var item = _items[i]!;
            if (shouldRemove(item))
            {
                removed.Add(item);
            }
            else
            {
                _items[kept++] = item;
            }
        }

        // Also drops the references popped items left above the top.
        Array.Clear(_items, kept, _items.Length - kept);
        ExitExclusive(kept);
    }

    /// <summary>Takes every item out. Under the pool's lock.</summary>
    public void DrainTo(List<PooledItem<T>> drained)
    {
        var count = EnterExclusive();
        for (var i = count - 1; i >= 0; i--)
        {
            drained.Add(_items[i]!);
        }

        Array.Clear(_items, 0, _items.Length);
        ExitExclusive(0);
    }

    private void Grow()
    {
        // The pool never holds more live items than MaxSize, so this never grows past it.
        var length = (int)Math.Min(_maxCapacity, Math.Max(InitialCapacity, _items.Length * 2L));
        if (length == _items.Length)
        {
            throw new InvalidOperationException($"The pool's idle stack is full ({length} items): more items were returned than the pool holds. This is a bug in PoolRuntime; please report it.");
        }

        var count = EnterExclusive();
        var grown = new PooledItem<T>?[length];
        Array.Copy(_items, grown, count);
        Volatile.Write(ref _items, grown);
        ExitExclusive(count);
    }

    /// <summary>Makes concurrent pops step aside; returns the count. Locked operations exclude each other through the pool's lock.</summary>
    private int EnterExclusive()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (Interlocked.CompareExchange(ref _state, (state | ExclusiveBit) + VersionUnit, state) == state)
            {
                return (int)(state & CountMask);
            }
        }
    }

    private void ExitExclusive(int count)
    {
        // Nothing else changes the state while the bit is set: pops step aside, and locked operations hold the lock.
        var state = Volatile.Read(ref _state);
        Interlocked.Exchange(ref _state, ((state & ~(CountMask | ExclusiveBit)) + VersionUnit) | (uint)count);
    }
}
