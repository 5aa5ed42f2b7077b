namespace PoolRuntime.Diagnostics;

/// <summary>What the observable instruments read from a live pool.</summary>
internal interface IPoolStatistics
{
    string Name { get; }

    int MaxSize { get; }

    int IdleCount { get; }

    int InUseCount { get; }

    int WaitingCount { get; }
}
