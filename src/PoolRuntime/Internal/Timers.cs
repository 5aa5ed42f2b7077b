using System;
using System.Threading;

namespace PoolRuntime.Internal;

internal static class Timers
{
    /// <summary>
    /// Creates a timer that does not capture the current ExecutionContext: the pool's timers outlive the call that
    /// happens to create them, and must not keep that caller's AsyncLocals alive.
    /// </summary>
    public static ITimer CreateUnflowed(TimeProvider time, TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            return time.CreateTimer(callback, state, dueTime, period);
        }

        using (ExecutionContext.SuppressFlow())
        {
            return time.CreateTimer(callback, state, dueTime, period);
        }
    }
}
