using System;
using System.Threading.Tasks;

namespace PoolRuntime.Items;

/// <summary>
/// Disposes the items the pool drops (when <see cref="AsyncPoolOptions{T}.DisposeItems"/> is on). A dropped item is
/// usually a broken one: failing to dispose it must not fail the caller's rent or return, so errors stop here.
/// </summary>
internal sealed class ItemDisposer<T>(bool disposeItems)
    where T : class
{
    public bool DisposesItems => disposeItems;

    /// <summary>Disposes an item without waiting for an asynchronous disposal to finish.</summary>
    public void Dispose(T value)
    {
        if (!disposeItems)
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
#pragma warning disable CA1031 // See the summary.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Disposes an item and waits for it (the pool's own disposal).</summary>
    public static async ValueTask DisposeAsync(T value)
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
#pragma warning disable CA1031 // See the summary.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
