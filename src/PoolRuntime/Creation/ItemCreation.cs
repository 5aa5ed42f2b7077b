using System;
using System.Threading;
using System.Threading.Tasks;
using PoolRuntime.Core;
using PoolRuntime.Items;

namespace PoolRuntime.Creation;

/// <summary>
/// Runs the creations the pool reserves: for a caller that found room and no idle item, for the waiters when a slot
/// frees up (a replacement), and up to MinSize (warm-up and top-up). The slots themselves (creating, replacing) are
/// counted by <see cref="PoolCore{T}"/>, which reserves them under its lock and is told how each creation ended.
/// </summary>
#pragma warning disable CA1001 // The disposal token source is cancelled by Cancel and never disposed: creations still running link to its token.
internal sealed class ItemCreation<T>
#pragma warning restore CA1001
    where T : class
{
    private readonly PoolCore<T> _core;
    private readonly ItemFactory<T> _factory;
    private readonly string _poolName;
    private readonly CancellationTokenSource _disposal = new();
    private Task _backgroundWarmUp = Task.CompletedTask;

    public ItemCreation(PoolCore<T> core, ItemFactory<T> factory, string poolName)
    {
        _core = core;
        _factory = factory;
        _poolName = poolName;
    }

    /// <summary>
    /// Creates items until the pool holds MinSize, and completes when they are all in; throws the first creation
    /// error. First waits for the warm-up the constructor started (which reports nothing).
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await _backgroundWarmUp.ConfigureAwait(false);
        var count = _core.ReserveUpToMinSize();
        var creations = new Task[count];
        for (var i = 0; i < count; i++)
        {
            creations[i] = CreateAsync(CreationRecipient.Idle, cancellationToken).AsTask();
        }

        await Task.WhenAll(creations).ConfigureAwait(false);
    }

    /// <summary>Starts the warm-up to MinSize in the background (from the pool's constructor).</summary>
    public void StartWarmUp()
    {
        var count = _core.ReserveUpToMinSize();
        var creations = new Task[count];
        for (var i = 0; i < count; i++)
        {
            creations[i] = CreateInBackgroundAsync(CreationRecipient.Idle);
        }

        _backgroundWarmUp = Task.WhenAll(creations);
    }

    /// <summary>Runs creations already reserved to top the pool up to MinSize (after a maintenance pass).</summary>
    public void StartTopUp(int count)
    {
        for (; count > 0; count--)
        {
            _ = CreateInBackgroundAsync(CreationRecipient.Idle);
        }
    }

    /// <summary>Runs a creation reserved for the waiters.</summary>
    public void StartReplacement() => _ = CreateInBackgroundAsync(CreationRecipient.Waiters);

    /// <summary>Runs a creation reserved by a caller that found room and no idle item; the caller gets the item, or the error.</summary>
    public async ValueTask<PoolLease<T>> CreateForCallerAsync(string? rentStack, CancellationToken cancellationToken)
    {
        // Disposal cancels the creation as well as the caller's token does.
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposal.Token) : null;
        try
        {
            var item = await CreateAsync(CreationRecipient.Caller, linked?.Token ?? _disposal.Token).ConfigureAwait(false);
            item.RentStack = rentStack;
            return new PoolLease<T>(item, item.LeaseId);
        }
        catch (OperationCanceledException) when (_disposal.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(typeof(AsyncPool<T>).Name, $"Pool '{_poolName}' was disposed while an item was being created for this caller.");
        }
    }

    /// <summary>Cancels the creations under way (the pool is being disposed); what they still produce is disposed.</summary>
    public void Cancel()
    {
        try
        {
            _disposal.Cancel();
        }
#pragma warning disable CA1031 // A factory's cancellation callback that throws must not stop the shutdown.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task CreateInBackgroundAsync(CreationRecipient recipient)
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

    /// <summary>Runs one reserved creation and tells the core how it ended.</summary>
    private async ValueTask<PooledItem<T>> CreateAsync(CreationRecipient recipient, CancellationToken cancellationToken)
    {
        T value;
        try
        {
            value = await _factory.CreateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            _core.OnCreateFailed(recipient, error);
            throw;
        }

        return _core.OnCreated(value, recipient);
    }
}
