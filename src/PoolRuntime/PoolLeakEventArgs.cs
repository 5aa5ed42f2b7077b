using System;

namespace PoolRuntime;

/// <summary>A lease held longer than <see cref="AsyncPoolOptions{T}.LeakDetectionThreshold"/> (see <see cref="AsyncPool{T}.LeakDetected"/>).</summary>
public sealed class PoolLeakEventArgs : EventArgs
{
    internal PoolLeakEventArgs(string poolName, TimeSpan heldFor, string rentStack)
    {
        PoolName = poolName;
        HeldFor = heldFor;
        RentStack = rentStack;
    }

    /// <summary>The pool the item belongs to.</summary>
    public string PoolName { get; }

    /// <summary>How long the lease had been held when it was found.</summary>
    public TimeSpan HeldFor { get; }

    /// <summary>The stack trace of the code that rented the item: where to look for the missing Dispose.</summary>
    public string RentStack { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Possible leak in pool '{PoolName}': a lease has been held for {HeldFor.TotalSeconds:N1} s. It was rented at:{Environment.NewLine}{RentStack}";
}
