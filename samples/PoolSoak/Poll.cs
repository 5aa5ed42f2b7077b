using System.Diagnostics;

namespace PoolSoak;

/// <summary>Waits for background work (a late creation, a disposal, a reconnect) to show its effect, for a bounded time.</summary>
public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every <paramref name="interval"/> until it holds or <paramref name="within"/> has passed; returns whether it holds.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan within, TimeSpan interval)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed >= within)
            {
                return false;
            }

            await Task.Delay(interval).ConfigureAwait(false);
        }

        return true;
    }
}
