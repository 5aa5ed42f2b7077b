namespace PoolRuntime.Waiting;

/// <summary>What a waiting caller gets when its wait times out.</summary>
internal enum WaitKind
{
    /// <summary><c>RentAsync</c>: a <see cref="PoolExhaustedException"/>.</summary>
    Lease,

    /// <summary><c>TakeAsync</c>: a <see cref="PoolExhaustedException"/>.</summary>
    Take,

    /// <summary><c>TryTakeAsync</c>: <see langword="null"/>, no exception.</summary>
    TryTake,
}
