namespace PoolRuntime.Creation;

/// <summary>Who gets the item a creation produces.</summary>
internal enum CreationRecipient
{
    /// <summary>The caller that found room and no idle item; it also gets the factory's error.</summary>
    Caller,

    /// <summary>The oldest waiter (a replacement for a freed slot); on failure the oldest waiter gets the error.</summary>
    Waiters,

    /// <summary>The idle stack (warm-up to MinSize), unless someone waits by then.</summary>
    Idle,
}
