using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using PoolRuntime.Internal;

namespace PoolRuntime.Waiting;

/// <summary>
/// The callers waiting for an item, oldest first, plus the free list of waiter nodes. An intrusive doubly linked list:
/// enqueue, dequeue and the removal of a cancelled or timed-out waiter from anywhere in the queue are O(1) and allocate
/// nothing. The queue is not thread-safe (the pool's lock guards it); the free list is lock-free, because a node comes
/// back from the waiting caller's GetResult, where taking the pool's lock once more per wait would be pure contention.
/// </summary>
internal sealed class WaiterQueue<T>
    where T : class
{
    private Waiter<T>? _head;
    private Waiter<T>? _tail;
    private readonly ConcurrentQueue<Waiter<T>> _free = new();

    // How far apart concurrent rents may read the clock and still queue in deadline order (see OnDeadlineSet).
    private readonly long _clockSkewTicks;

    // Whether the deadlines rise from head to tail, as they do when every wait uses the same timeout. Then an expiry
    // pass stops at the first waiter still in time, so it holds the pool's lock for what expires rather than for the
    // whole queue (with thousands of waiters; measured, this saved about 3% of the CPU a timeout costs).
    private bool _deadlinesInOrder = true;

    public WaiterQueue(long timestampFrequency)
    {
        _clockSkewTicks = TimeConversions.ToTimestampTicks(TimeSpan.FromMilliseconds(1), timestampFrequency);
    }

    public int Count { get; private set; }

    /// <summary>The waiter that has waited longest; null when none waits.</summary>
    public Waiter<T>? Oldest => _head;

    /// <summary>A node from the free list, or a new one while the pool is warming up.</summary>
    public Waiter<T> RentNode(AsyncPool<T> pool) => _free.TryDequeue(out var node) ? node : new Waiter<T>(pool);

    /// <summary>Gives a node back after its result was consumed. Safe without the pool's lock.</summary>
    public void ReturnNode(Waiter<T> node) => _free.Enqueue(node);

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

    /// <summary>
    /// Called once a queued waiter's deadline is set (a waiter is armed after it joins). Concurrent rents read the clock
    /// before taking the pool's lock, so two waits with the same timeout can join in the other order by a few
    /// microseconds: such a deadline is raised to the one ahead of it (1 ms at most), which keeps the queue in deadline
    /// order. A deadline earlier by more than that (a shorter timeout) turns the short cut off until the queue next empties.
    /// </summary>
    public void OnDeadlineSet(Waiter<T> node)
    {
        if (node.IsQueued && node.Previous is { } ahead && node.Deadline < ahead.Deadline)
        {
            if (ahead.Deadline - node.Deadline <= _clockSkewTicks)
            {
                node.RaiseDeadline(ahead.Deadline);
            }
            else
            {
                _deadlinesInOrder = false;
            }
        }
    }

    /// <summary>The waiter that joined last, taken out of the queue; null when none waits.</summary>
    public Waiter<T>? TryDequeueNewest()
    {
        var node = _tail;
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
        if (--Count == 0)
        {
            _deadlinesInOrder = true;
        }

        return true;
    }

    /// <summary>Lets go of free nodes beyond <paramref name="keep"/> (left over from a burst of waiters).</summary>
    public void TrimFreeList(int keep)
    {
        while (_free.Count > keep && _free.TryDequeue(out _))
        {
        }
    }

    /// <summary>
    /// Unlinks every waiter whose deadline has passed, chaining them through <see cref="Waiter{T}.Next"/> (oldest
    /// first; no list to allocate), and gives the earliest deadline among those left (<see cref="long.MaxValue"/>: none).
    /// </summary>
    public Waiter<T>? RemoveExpired(long now, out long nextDeadline)
    {
        Waiter<T>? expiredHead = null;
        Waiter<T>? expiredTail = null;
        nextDeadline = long.MaxValue;
        for (var node = _head; node is not null;)
        {
            if (_deadlinesInOrder && node.Deadline > now)
            {
                // Every waiter behind this one has a later deadline: none of them is due, and this one is next.
                nextDeadline = node.Deadline;
                break;
            }

            var following = node.Next;
            if (node.Deadline <= now)
            {
                Remove(node);
                if (expiredTail is null)
                {
                    expiredHead = node;
                }
                else
                {
                    expiredTail.Next = node;
                }

                expiredTail = node;
            }
            else if (node.Deadline < nextDeadline)
            {
                nextDeadline = node.Deadline;
            }

            node = following;
        }

        return expiredHead;
    }

    public void DrainTo(List<Waiter<T>> drained)
    {
        while (TryDequeue() is { } node)
        {
            drained.Add(node);
        }
    }
}
