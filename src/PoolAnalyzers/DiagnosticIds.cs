namespace PoolAnalyzers;

/// <summary>The rule IDs: a public contract once shipped (see AnalyzerReleases.*.md).</summary>
public static class DiagnosticIds
{
    /// <summary>A pool built on a thread-blocking queue or gate.</summary>
    public const string BlockingPool = "POOL001";

    /// <summary>A blocking wait (<c>.Result</c>, <c>.Wait()</c>, <c>GetResult()</c>) on a pool checkout in async code.</summary>
    public const string BlockingWaitOnCheckout = "POOL002";

    /// <summary>A synchronous, thread-blocking checkout in async code.</summary>
    public const string SynchronousCheckout = "POOL003";

    /// <summary>An exclusive-lease pool of StackExchange.Redis multiplexed objects, which one shared instance serves faster.</summary>
    public const string MultiplexerPool = "POOL004";
}
