using System.Collections.Generic;

namespace PoolRuntime.Waiting;

/// <summary>
/// The callers waiting for an item, oldest first, plus the free list of waiter nodes. An intrusive doubly linked list:
/// enqueue, dequeue and the removal of a cancelled or timed-out waiter from anywhere in the queue are O(1) and allocate
/// nothing. Not thread-safe: the pool's lock guards it.
/// </summary>
internal sealed class WaiterQueue<T>
    where T : class
{
    private Waiter<T>? _head;
    private Waiter<T>? _tail;
    private readonly Stack<Waiter<T>> _free = new();

    public int Count { get; private set; }

    /// <summary>A node from the free list, or a new one while the pool is warming up.</summary>
    public Waiter<T> RentNode(AsyncPool<T> pool) => _free.Count > 0 ? _free.Pop() : new Waiter<T>(pool);

    public void ReturnNode(Waiter<T> node) => _free.Push(node);

    public int FreeCount => _free.Count;

    public void Enqueue(Waiter<T> node)
    {
        node.IsQueued = true;
        node.Previous = _tail;
        node.Next = null;
        if (_tail is null)
        {
            _head = node;
        }
        else
        {
            _tail.Next = node;
        }

        _tail = node;
        Count++;
    }

    public Waiter<T>? TryDequeue()
    {
        var node = _head;
        if (node is not null)
        {
            Remove(node);
        }

        return node;
    }

    /// <summary>Unlinks the node; false when it is no longer queued (someone else already owns its completion).</summary>
    public bool Remove(Waiter<T> node)
    {
        if (!node.IsQueued)
        {
            return false;
        }

        if (node.Previous is null)
        {
            _head = node.Next;
        }
        else
        {
            node.Previous.Next = node.Next;
        }

        if (node.Next is null)
        {
            _tail = node.Previous;
        }
        else
        {
            node.Next.Previous = node.Previous;
        }

        node.Next = node.Previous = null;
        node.IsQueued = false;
        Count--;
        return true;
    }

    /// <summary>Drops free nodes beyond <paramref name="keep"/>, returning them so the caller can free their timers.</summary>
    public void TrimFreeList(int keep, List<Waiter<T>> dropped)
    {
        while (_free.Count > keep)
        {
            dropped.Add(_free.Pop());
        }
    }

    public void DrainTo(List<Waiter<T>> drained)
    {
        while (TryDequeue() is { } node)
        {
            drained.Add(node);
        }
    }
}
