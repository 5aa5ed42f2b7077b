namespace PoolRuntime.Benchmarks;

/// <summary>A stand-in pooled item; touching it keeps the loops from being optimized away.</summary>
public sealed class Connection
{
    public int Uses { get; set; }
}
