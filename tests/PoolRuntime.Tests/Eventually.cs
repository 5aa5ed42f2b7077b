namespace PoolRuntime.Tests;

internal static class Eventually
{
    /// <summary>Waits for background work (a late creation, a fire-and-forget disposal) to show its effect, for 10 s at most.</summary>
    public static async Task True(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(5);
        }
    }
}
