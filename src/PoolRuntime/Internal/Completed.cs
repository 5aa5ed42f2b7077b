using System;
using System.Threading;
using System.Threading.Tasks;

namespace PoolRuntime.Internal;

/// <summary>Already-completed value tasks on every target framework.</summary>
internal static class Completed
{
    public static ValueTask<TResult> Faulted<TResult>(Exception error) => new(Task.FromException<TResult>(error));

    public static ValueTask<TResult> Canceled<TResult>(CancellationToken cancellationToken) => new(Task.FromCanceled<TResult>(cancellationToken));
}
