using System;
using System.Collections.Generic;

namespace PoolRuntime.Items;

/// <summary>
/// Idle items, last returned on top: the hottest item is reused first and cold ones sink to the bottom, where idle
/// trimming finds them. The array grows (doubling, up to the pool's MaxSize) only while the pool grows, so pushing
/// allocates nothing in steady state, and an unbounded pool does not reserve room up front. Not thread-safe: the pool's lock guards it.
/// </summary>
internal sealed class IdleStack<T>
    where T : class
{
    private const int InitialCapacity = 16;
    private readonly int _maxCapacity;
    private PooledItem<T>?[] _items;

    public IdleStack(int maxCapacity)
    {
        _maxCapacity = maxCapacity;
        _items = new PooledItem<T>?[Math.Min(maxCapacity, InitialCapacity)];
    }

    public int Count { get; private set; }

    public void Push(PooledItem<T> item)
    {
        if (Count == _items.Length)
        {
            // The pool never holds more live items than MaxSize, so this never grows past it.
            Array.Resize(ref _items, (int)Math.Min(_maxCapacity, Math.Max(InitialCapacity, _items.Length * 2L)));
        }

        _items[Count++] = item;
    }

    public PooledItem<T>? TryPop()
    {
        if (Count == 0)
        {
            return null;
        }

        var item = _items[--Count];
        _items[Count] = null;
        return item;
    }

    /// <summary>Removes the items <paramref name="shouldRemove"/> picks, asking oldest first, keeping the rest in order.</summary>
    public void RemoveWhere(Func<PooledItem<T>, bool> shouldRemove, List<PooledItem<T>> removed)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
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

        Array.Clear(_items, kept, Count - kept);
        Count = kept;
    }

    public void DrainTo(List<PooledItem<T>> drained)
    {
        while (TryPop() is { } item)
        {
            drained.Add(item);
        }
    }
}
