namespace Samples.Tests;

/// <summary>
/// The tests that put a pool under faults run one after another: each counts unobserved task exceptions, which .NET
/// reports process-wide, and each needs the machine's two cores to itself to hold its timing bounds.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RedisFaultGroup
{
    public const string Name = "Redis faults";
}
