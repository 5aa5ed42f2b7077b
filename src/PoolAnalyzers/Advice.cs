namespace PoolAnalyzers;

/// <summary>The advice the messages give, each worded once.</summary>
internal static class Advice
{
    public const string UseAsyncPoolWithFix = "use PoolRuntime.AsyncPool<T>, which waits without a thread (the code fix swaps the type)";

    public const string AddPoolRuntimeThenFix = "add the PoolRuntime package and use its AsyncPool<T>, which waits without a thread (the code fix then swaps the type)";

    public const string MakePoolAsync = "make the pool async with PoolRuntime.AsyncPool<T>, which waits without a thread";

    public const string AddPoolRuntime = "make the pool async: add the PoolRuntime package, whose AsyncPool<T> waits without a thread";

    public const string SwapThenAwait = "make the pool a PoolRuntime.AsyncPool<T> and await TakeAsync/TryTakeAsync (the code fix does both)";

    public const string AwaitTakeAsync = "await TakeAsync() instead, which waits without a thread";

    public const string AwaitTryTakeAsync = "await TryTakeAsync(timeout) instead, which waits without a thread and returns null on timeout";

    public const string AwaitWaitAsync = "await WaitAsync instead";

    public const string UseChannel = "read it with a System.Threading.Channels.Channel<T> and await ReadAsync instead, which waits without a thread (no code fix: the queue is not a pool)";

    public const string WaitAsynchronously = "wait asynchronously instead: an AsyncPool<T> for a pool, a Channel<T> for a queue";

    public const string UseAsyncCheckout = "use the pool's asynchronous checkout instead";

    /// <summary>Added to POOL001's message on a pool of Redis multiplexers: AsyncPool removes the starvation, sharing removes the pool.</summary>
    public const string SeeMultiplexerPool = "; better still, a multiplexer is made to be shared: see POOL004";

    /// <summary>The advice for a pool that cannot be swapped mechanically, with the reason.</summary>
    public static string NoSwap(string reason) => $"make it an async pool such as PoolRuntime.AsyncPool<T>, which waits without a thread (no code fix: {reason})";

    /// <summary>The advice for a gate with no awaitable twin.</summary>
    public static string NoAwaitableGate(string call) => $"{call} has no awaitable form, so there is no code fix: {MakePoolAsync}";

    /// <summary>The advice at a call of the application's own blocking checkout.</summary>
    public const string CallAsyncCheckout = "give it an asynchronous twin that awaits the pool, and await that here";
}
