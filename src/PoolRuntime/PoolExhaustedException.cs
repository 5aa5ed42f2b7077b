using System;

namespace PoolRuntime;

/// <summary>
/// Thrown when no item of an <see cref="AsyncPool{T}"/> became free within the wait timeout. The message names the pool,
/// the wait and the pool's counts at that moment, so that a log line alone tells whether the pool is too small, the
/// timeout too short, or leases are not being returned.
/// </summary>
public class PoolExhaustedException : TimeoutException
{
    /// <summary>Creates the exception with a default message.</summary>
    public PoolExhaustedException()
        : base("No item of the pool became free within the wait timeout.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public PoolExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and inner exception.</summary>
    public PoolExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal PoolExhaustedException(string poolName, TimeSpan waited, int maxSize, int inUse, int idle, int waiting)
        : base(
            $"Timed out after {waited.TotalMilliseconds:N0} ms waiting for an item from pool '{poolName}' " +
            $"(MaxSize {maxSize}: {inUse} in use, {idle} idle, {waiting} waiting). Raise MaxSize or the wait " +
            "timeout, return leases sooner (dispose every lease, also on error paths), or look for leases that are never returned.")
    {
        PoolName = poolName;
        Waited = waited;
        MaxSize = maxSize;
        InUse = inUse;
        Idle = idle;
        Waiting = waiting;
    }

    /// <summary>The name of the pool that was exhausted.</summary>
    public string? PoolName { get; }

    /// <summary>How long the caller waited.</summary>
    public TimeSpan Waited { get; }

    /// <summary>The pool's maximum size.</summary>
    public int MaxSize { get; }

    /// <summary>Items in use (or being created) when the wait ended.</summary>
    public int InUse { get; }

    /// <summary>Idle items when the wait ended.</summary>
    public int Idle { get; }

    /// <summary>Callers waiting when the wait ended.</summary>
    public int Waiting { get; }
}
