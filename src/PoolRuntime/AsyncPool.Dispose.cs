using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using PoolRuntime.Diagnostics;
using PoolRuntime.Items;
using PoolRuntime.Waiting;

namespace PoolRuntime;

public sealed partial class AsyncPool<T>
{
    /// <summary>
    /// Shuts the pool down: every waiter fails with <see cref="ObjectDisposedException"/>, idle items are disposed,
    /// items still in use are disposed when they come back, and creations under way are cancelled. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var item in Shutdown())
        {
            await DisposeItemAsync(item).ConfigureAwait(false);
        }
    }

    /// <summary>As <see cref="DisposeAsync"/>; items that are only <see cref="IAsyncDisposable"/> are disposed in the background.</summary>
    public void Dispose()
    {
        foreach (var item in Shutdown())
        {
            DisposeItem(item);
        }
    }

    private List<T> Shutdown()
    {
        var waiters = new List<Waiter<T>>();
        var idle = new List<PooledItem<T>>();
        lock (_sync)
        {
            if (_disposed)
            {
                return [];
            }

            _disposed = true;
            _waiters.DrainTo(waiters);
            _waiters.TrimFreeList(keep: 0);
            _idle.DrainTo(idle);
            foreach (var item in idle)
            {
                RemoveLocked(item);
            }
        }

        _maintenance?.Dispose();
        _timeouts.Dispose();
        PoolMetrics.Unregister(this);
        try
        {
            _disposal.Cancel(); // creations under way stop; what they still produce is disposed (see OnCreated)
        }
#pragma warning disable CA1031 // A factory's cancellation callback that throws must not stop the shutdown.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        foreach (var waiter in waiters)
        {
            waiter.Fail(new ObjectDisposedException(GetType().Name, $"Pool '{Name}' was disposed while this caller waited for an item."));
        }

        var values = new List<T>(idle.Count);
        if (_disposeItems)
        {
            foreach (var item in idle)
            {
                values.Add(item.Value);
            }
        }

        return values;
    }

    /// <summary>Disposes an item the pool dropped, without waiting for an asynchronous disposal to finish.</summary>
    private void DisposeItem(T value)
    {
        if (!_disposeItems)
        {
            return;
        }

        try
        {
            if (value is IAsyncDisposable asyncDisposable)
            {
                var pending = asyncDisposable.DisposeAsync();
                if (pending.IsCompleted)
                {
                    pending.GetAwaiter().GetResult();
                }
                else
                {
                    _ = ObserveAsync(pending);
                }
            }
            else if (value is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
#pragma warning disable CA1031 // A dropped item is usually a broken one; failing to dispose it must not fail the caller's return or rent.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static async ValueTask DisposeItemAsync(T value)
    {
        try
        {
            if (value is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else if (value is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
#pragma warning disable CA1031 // One item that fails to dispose must not stop the others from being disposed.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static async Task ObserveAsync(ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // See DisposeItem.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
