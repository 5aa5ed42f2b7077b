using System;
using System.Collections.Generic;

namespace PoolRuntime.Items;

/// <summary>
/// Idle items, last returned on top: the hottest item is reused first and cold ones sink to the bottom, where idle
/// trimming finds them. Fixed capacity (the pool's MaxSize), so pushing never allocates. Not thread-safe: the pool's lock guards it.
/// </summary>
internal sealed class IdleStack<T>
    where T : class
{
    private readonly PooledItem<T>?[] _items;

    public IdleStack(int capacity) => _items = new PooledItem<T>?[capacity];

    public int Count { get; private set; }

    public void Push(PooledItem<T> item)
    {
        // The pool never holds more live items than MaxSize, so there is always room.
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
