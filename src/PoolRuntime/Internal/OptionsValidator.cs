using System;
using System.Threading;

namespace PoolRuntime.Internal;

/// <summary>Checks pool settings once, with messages that say what is wrong and what to set instead.</summary>
internal static class OptionsValidator
{
    // The longest due time a System.Threading timer accepts.
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public static void Validate<T>(AsyncPoolOptions<T> options, bool hasFactory)
        where T : class
    {
        if (options.MaxSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxSize, $"AsyncPoolOptions.MaxSize is {options.MaxSize}; it must be at least 1 (it is the most items the pool holds at once).");
        }

        if (options.MinSize < 0 || options.MinSize > options.MaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinSize, $"AsyncPoolOptions.MinSize is {options.MinSize}; it must be between 0 and MaxSize ({options.MaxSize}).");
        }

        CheckTimeout(options.WaitTimeout, "AsyncPoolOptions.WaitTimeout");
        CheckPositive(options.CreateTimeout, "AsyncPoolOptions.CreateTimeout", allowInfinite: true);
        CheckPositive(options.MaxLifetime, "AsyncPoolOptions.MaxLifetime", allowInfinite: false);
        CheckPositive(options.IdleTimeout, "AsyncPoolOptions.IdleTimeout", allowInfinite: false);
        CheckPositive(options.LeakDetectionThreshold, "AsyncPoolOptions.LeakDetectionThreshold", allowInfinite: false);
        CheckPositive(options.ServeNewestFirstAfter, "AsyncPoolOptions.ServeNewestFirstAfter", allowInfinite: false);

        if (options.ValidationBypassWindow < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ValidationBypassWindow, "AsyncPoolOptions.ValidationBypassWindow must not be negative; use TimeSpan.Zero to validate on every rent.");
        }

        if (options.TimeProvider is null)
        {
            throw new ArgumentException("AsyncPoolOptions.TimeProvider is null; leave it unset for TimeProvider.System.", nameof(options));
        }

        if (!hasFactory && (options.MinSize > 0 || options.MaxLifetime is not null))
        {
            throw new ArgumentException(
                "AsyncPoolOptions.MinSize and MaxLifetime need a factory: a pool that only holds what Add puts in cannot create or replace items. " +
                "Pass a factory to the AsyncPool constructor, or leave both unset.",
                nameof(options));
        }
    }

    /// <summary>Checks a wait timeout: zero or more, or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static void CheckTimeout(TimeSpan timeout, string name)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        if (timeout < TimeSpan.Zero || timeout > LongestTimeout)
        {
            throw new ArgumentOutOfRangeException(name, timeout, $"{name} is {timeout}; it must be between zero and {LongestTimeout.TotalDays:N0} days, or Timeout.InfiniteTimeSpan to wait for ever.");
        }
    }

    /// <summary>Converts a BlockingCollection-style millisecond timeout, where -1 means for ever.</summary>
    public static TimeSpan FromMilliseconds(int millisecondsTimeout, string name)
    {
        if (millisecondsTimeout < Timeout.Infinite)
        {
            throw new ArgumentOutOfRangeException(name, millisecondsTimeout, $"{name} is {millisecondsTimeout}; it must be zero or more, or Timeout.Infinite (-1) to wait for ever.");
        }

        return millisecondsTimeout == Timeout.Infinite ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(millisecondsTimeout);
    }

    private static void CheckPositive(TimeSpan? value, string name, bool allowInfinite)
    {
        if (value is not { } span || (allowInfinite && span == Timeout.InfiniteTimeSpan))
        {
            return;
        }

        if (span <= TimeSpan.Zero || span > LongestTimeout)
        {
            var unset = allowInfinite ? "null (the default) or Timeout.InfiniteTimeSpan" : "null";
            throw new ArgumentOutOfRangeException(name, span, $"{name} is {span}; it must be positive (at most {LongestTimeout.TotalDays:N0} days). To turn it off, set it to {unset}.");
        }
    }
}
