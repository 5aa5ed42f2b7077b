using System;
using System.Threading;
using System.Threading.Tasks;
using PoolRuntime.Core;

namespace PoolRuntime.Items;

/// <summary>
/// The rent's slow path for <see cref="AsyncPoolOptions{T}.Validate"/>: an item idle longer than the bypass window is
/// checked before it is handed out, and another is rented (within what is left of the timeout) when it fails.
/// </summary>
internal sealed class ItemValidator<T>(Func<T, CancellationToken, ValueTask<bool>> validate, long bypassTicks)
    where T : class
{
    /// <summary>Whether an item must be checked: idle longer than the bypass window.</summary>
    public bool NeedsCheck(PooledItem<T> item, long now) => now - item.LastReturnedAt > bypassTicks;

    public async ValueTask<PoolLease<T>> ValidateThenLeaseAsync(PoolCore<T> pool, PooledItem<T> item, TimeSpan timeout, long startedAt, CancellationToken cancellationToken)
    {
        bool healthy;
        try
        {
            healthy = await validate(item.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            pool.Return(item, item.LeaseId, stamp: item.LastReturnedAt); // still unchecked: the next rent validates it
            throw;
        }
#pragma warning disable CA1031 // A health check that throws has found a broken item: that is its answer, not an error of the rent.
        catch (Exception)
#pragma warning restore CA1031
        {
            healthy = false;
        }

        if (healthy)
        {
            return new PoolLease<T>(item, item.LeaseId);
        }

        pool.Discard(item, item.LeaseId);
        return await pool.RentAsync(Remaining(pool.Time, timeout, startedAt), cancellationToken).ConfigureAwait(false);
    }

    private static TimeSpan Remaining(TimeProvider time, TimeSpan timeout, long startedAt)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return timeout;
        }

        var left = timeout - time.GetElapsedTime(startedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
