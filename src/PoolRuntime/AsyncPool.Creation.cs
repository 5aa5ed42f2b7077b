using System;
using System.Threading;
using System.Threading.Tasks;
using PoolRuntime.Items;

namespace PoolRuntime;

public sealed partial class AsyncPool<T>
{
    /// <summary>
    /// Creates items until the pool holds <see cref="AsyncPoolOptions{T}.MinSize"/>, and completes when they are all
    /// in; throws the first creation error. Pools with a MinSize also start this in the background when constructed.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        // First the warm-up the constructor started (it reports nothing), then whatever it could not create.
        await _backgroundWarmUp.ConfigureAwait(false);
        var count = ReserveWarmUp();
        var creations = new Task[count];
        for (var i = 0; i < count; i++)
        {
            creations[i] = CreateIdleAsync(cancellationToken);
        }

        await Task.WhenAll(creations).ConfigureAwait(false);
    }

    private void StartWarmUp()
    {
        var count = ReserveWarmUp();
        var creations = new Task[count];
        for (var i = 0; i < count; i++)
        {
            creations[i] = CreateInBackgroundAsync(Recipient.Idle);
        }

        _backgroundWarmUp = Task.WhenAll(creations);
    }

    private int ReserveWarmUp()
    {
        if (_factory is null)
        {
            return 0;
        }

        lock (_sync)
        {
            ThrowIfDisposedLocked();
            var count = Math.Max(0, _minSize - (_live + _creating));
            _creating += count;
            return count;
        }
    }

    /// <summary>Who gets the item a creation produces.</summary>
    private enum Recipient
    {
        /// <summary>The caller that found room and no idle item; it also gets the factory's error.</summary>
        Caller,

        /// <summary>The oldest waiter (a replacement for a freed slot); on failure the oldest waiter gets the error.</summary>
        Waiters,

        /// <summary>The idle stack (warm-up to MinSize), unless someone waits by then.</summary>
        Idle,
    }

    private async ValueTask<PoolLease<T>> CreateForCallerAsync(string? rentStack, CancellationToken cancellationToken)
    {
        // Disposal cancels the creation as well as the caller's token does.
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposal.Token) : null;
        try
        {
            var item = await CreateAsync(Recipient.Caller, linked?.Token ?? _disposal.Token).ConfigureAwait(false);
            item.RentStack = rentStack;
            return new PoolLease<T>(item, item.LeaseId);
        }
        catch (OperationCanceledException) when (_disposal.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(GetType().Name, $"Pool '{Name}' was disposed while an item was being created for this caller.");
        }
    }

    /// <summary>Reserves a creation for the waiters when a slot frees up while they wait. Under the lock.</summary>
    private bool TryReserveReplacementLocked()
    {
        if (_factory is null || _disposed || _waiters.Count <= _replacing || _live + _creating >= MaxSize)
        {
            return false;
        }

        _creating++;
        _replacing++;
        return true;
    }

    private void StartReplacement() => _ = CreateInBackgroundAsync(Recipient.Waiters);

    private Task<PooledItem<T>> CreateIdleAsync(CancellationToken cancellationToken) => CreateAsync(Recipient.Idle, cancellationToken).AsTask();

    private async Task CreateInBackgroundAsync(Recipient recipient)
    {
        // Off the caller's stack: a returner must not run the factory, and a factory that fails synchronously must not
        // recurse through every waiter (each failure starts the next attempt).
        await Task.Yield();
        try
        {
            await CreateAsync(recipient, _disposal.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Background work: a replacement's error went to a waiter, a warm-up's leaves the slot free for the next pass.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Runs one reserved creation. On failure the slot is released and, if callers wait, a new attempt starts for
    /// them; a failed replacement hands its error to the oldest waiter, as a caller creating its own item would get
    /// it, so that during an outage waiters fail fast instead of sitting out their whole timeout.
    /// </summary>
    private async ValueTask<PooledItem<T>> CreateAsync(Recipient recipient, CancellationToken cancellationToken)
    {
        T value;
        try
        {
            value = await _factory!.CreateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            OnCreateFailed(recipient, error);
            throw;
        }

        return OnCreated(value, recipient);
    }

    private PooledItem<T> OnCreated(T value, Recipient recipient)
    {
        var now = _time.GetTimestamp();
        var handoff = default(Handoff);
        PooledItem<T>? item = null;
        bool disposed;
        lock (_sync)
        {
            disposed = _disposed;
            var duplicate = !disposed && _items.ContainsKey(value);
            if (!duplicate)
            {
                // A duplicate keeps its reservation until OnCreateFailed releases it below.
                _creating--;
                if (recipient == Recipient.Waiters)
                {
                    _replacing--;
                }
            }

            if (!disposed && !duplicate)
            {
                item = new PooledItem<T>(this, value, now, ExpiryFor(now));
                _items.Add(value, item);
                _live++;
                if (recipient == Recipient.Caller)
                {
                    item.MarkRented();
                    item.RentedAt = now;
                }
                else
                {
                    HandOffOrIdleLocked(item, now, ref handoff);
                }
            }
        }

        if (disposed)
        {
            DisposeItem(value);
            throw new ObjectDisposedException(GetType().Name, $"Pool '{Name}' was disposed while an item was being created; the new item was disposed.");
        }

        if (item is null)
        {
            // The factory handed back an item the pool already holds (a cached instance?): a failed creation, which
            // frees the slot and wakes a waiter like any other.
            var error = new InvalidOperationException($"The factory of pool '{Name}' returned an item that is already in the pool; it must create a new item on every call.");
            OnCreateFailed(recipient, error);
            throw error;
        }

        Finish(ref handoff, now);
        return item;
    }

    private void OnCreateFailed(Recipient recipient, Exception error)
    {
        Waiting.Waiter<T>? unlucky = null;
        bool retry;
        lock (_sync)
        {
            _creating--;
            if (recipient == Recipient.Waiters)
            {
                _replacing--;
                unlucky = _waiters.TryDequeue();
            }

            retry = TryReserveReplacementLocked();
        }

        unlucky?.Fail(error);
        if (retry)
        {
            StartReplacement();
        }
    }
}
