using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PoolRuntime.Diagnostics;

namespace PoolRuntime.Creation;

/// <summary>
/// Calls the user's factory under the create timeout and measures it. A factory that ignores its token and hangs is
/// abandoned at the timeout (the pool frees its slot); should it still produce an item later, that item is disposed
/// rather than leaked.
/// </summary>
internal sealed class ItemFactory<T>
    where T : class
{
    private readonly Func<CancellationToken, ValueTask<T>> _factory;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly string _poolName;
    private readonly KeyValuePair<string, object?> _nameTag;
    private readonly Action<T> _disposeAbandoned;

    public ItemFactory(Func<CancellationToken, ValueTask<T>> factory, TimeSpan timeout, TimeProvider time, string poolName, Action<T> disposeAbandoned)
    {
        _factory = factory;
        _timeout = timeout;
        _time = time;
        _poolName = poolName;
        _nameTag = PoolMetrics.NameTag(poolName);
        _disposeAbandoned = disposeAbandoned;
    }

    public async Task<T> CreateAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var timeout = StartTimeout();
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Task<T> creation;
        try
        {
            creation = _factory(linked?.Token ?? cancellationToken).AsTask();
        }
        catch (Exception error)
        {
            creation = Task.FromException<T>(error);
        }

        try
        {
            var item = timeout is null
                ? await creation.ConfigureAwait(false)
                : await creation.WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
            return item ?? throw new InvalidOperationException($"The factory of pool '{_poolName}' returned null; it must return an item or throw.");
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && IsCreateTimeout(error, creation, timeout))
        {
            GiveUpOn(creation, linked);
            throw new TimeoutException(
                $"Creating an item for pool '{_poolName}' took longer than its create timeout ({_timeout.TotalMilliseconds:N0} ms). " +
                "The slot was freed and the factory was asked to cancel; an item it still produces later is disposed. " +
                "Check that the server is reachable, or raise AsyncPoolOptions.CreateTimeout.");
        }
        catch
        {
            GiveUpOn(creation, linked);
            throw;
        }
        finally
        {
            PoolMetrics.Created(_nameTag, _time, started);
        }
    }

    // Either WaitAsync gave up on the factory (a TimeoutException that is not the factory's own), or a cooperative
    // factory saw the timeout's token and stopped.
    private static bool IsCreateTimeout(Exception error, Task<T> creation, CancellationTokenSource? timeout) =>
        (error is TimeoutException && !(creation.IsFaulted && creation.Exception!.InnerExceptions.Contains(error))) ||
        (error is OperationCanceledException && timeout is { IsCancellationRequested: true });

    /// <summary>
    /// Whatever ended the wait, the pool is done with this creation. A factory still running is told to stop: its
    /// token's source is cancelled here, before the <c>using</c> disposes it. The wait can end before that source is
    /// cancelled (the wait's own timer fires first, or the pool's disposal completes the wait before it reaches the
    /// linked source's registration), and disposing the source then would leave the factory's token uncancelled for
    /// good, so a hanging connect would go on after the pool gave up on it. An item the factory produced, now or later,
    /// is not pooled: it is disposed.
    /// </summary>
    private void GiveUpOn(Task<T> creation, CancellationTokenSource? linked)
    {
        if (linked is not null && !creation.IsCompleted)
        {
            try
            {
                linked.Cancel();
            }
#pragma warning disable CA1031 // The factory's own cancellation callback failing must not hide why the creation ended.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        AbandonLater(creation);
    }

    private CancellationTokenSource? StartTimeout()
    {
        if (_timeout == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

#if NET8_0_OR_GREATER
        return new CancellationTokenSource(_timeout, _time);
#else
        return _time.CreateCancellationTokenSource(_timeout);
#endif
    }

    private void AbandonLater(Task<T> creation) => creation.ContinueWith(
        static (task, state) =>
        {
            var self = (ItemFactory<T>)state!;
            if (task.Status == TaskStatus.RanToCompletion && task.Result is { } late)
            {
                self._disposeAbandoned(late);
            }
            else
            {
                _ = task.Exception; // observed: an abandoned creation's error has nobody left to report to
            }
        },
        this,
        CancellationToken.None,
        TaskContinuationOptions.ExecuteSynchronously,
        TaskScheduler.Default);
}
