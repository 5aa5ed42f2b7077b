using System;

namespace PoolRuntime.Internal;

internal static class TimeConversions
{
    /// <summary>Converts a duration to ticks of a timestamp with the given frequency, saturating instead of overflowing.</summary>
    public static long ToTimestampTicks(TimeSpan duration, long timestampFrequency)
    {
        var ticks = duration.TotalSeconds * timestampFrequency;
        return ticks >= long.MaxValue / 2 ? long.MaxValue / 2 : (long)ticks;
    }

    /// <summary>Adds a duration to a timestamp; <see cref="long.MaxValue"/> stays "never".</summary>
    public static long AddSaturating(long timestamp, long ticks)
        => timestamp > long.MaxValue - ticks ? long.MaxValue : timestamp + ticks;
}
