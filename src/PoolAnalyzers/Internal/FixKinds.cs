namespace PoolAnalyzers.Internal;

/// <summary>
/// The diagnostic property that tells the code fixes which rewrite applies (and that it is safe). The analyzer decides
/// it, because only the analyzer sees every use of a pool; a diagnostic without it gets no fix. Each value is also the
/// fix's equivalence key, so Fix All applies one kind of rewrite at a time.
/// </summary>
internal static class FixKinds
{
    public const string PropertyName = "PoolFix";

    /// <summary>POOL001: swap a BlockingCollection&lt;T&gt; pool (creation and declared type) for AsyncPool&lt;T&gt;.</summary>
    public const string SwapToAsyncPool = "POOL001.SwapToAsyncPool";

    /// <summary>POOL002: replace .Result / .Wait() / .GetAwaiter().GetResult() by await.</summary>
    public const string Await = "POOL002.Await";

    /// <summary>
    /// POOL002: replace <c>t.Wait(timeout);</c> whose result is unused by <c>await Task.WhenAny(t, Task.Delay(timeout));</c>,
    /// which goes on when the time is up as Wait does (and compiles on every target framework, unlike WaitAsync).
    /// </summary>
    public const string AwaitWhenAnyDelay = "POOL002.AwaitWhenAnyDelay";

    /// <summary>POOL003: AsyncPool Take() becomes await TakeAsync().</summary>
    public const string TakeAsync = "POOL003.TakeAsync";

    /// <summary>POOL003: AsyncPool TryTake(out x, timeout) becomes x = await TryTakeAsync(timeout) and a null check.</summary>
    public const string TryTakeAsync = "POOL003.TryTakeAsync";

    /// <summary>POOL003: SemaphoreSlim.Wait(..) becomes await WaitAsync(..).</summary>
    public const string WaitAsync = "POOL003.WaitAsync";

    /// <summary>POOL003 on a BlockingCollection pool: swap the pool to AsyncPool, then TakeAsync/TryTakeAsync.</summary>
    public const string SwapThenTakeAsync = "POOL003.SwapThenTakeAsync";

    /// <summary>
    /// POOL003 at a call of the application's own blocking wrapper: write <c>NameAsync(.., CancellationToken)</c> beside
    /// it with the blocking call awaited (swapping the pool first where needed), and await that at the call.
    /// </summary>
    public const string AddAsyncTwin = "POOL003.AddAsyncTwin";

    /// <summary>POOL003 at a call of a blocking wrapper that already has an asynchronous twin: await the twin.</summary>
    public const string CallAsyncTwin = "POOL003.CallAsyncTwin";
}
