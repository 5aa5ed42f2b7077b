/// <summary>Reading a quantile off a sample sorted in ascending order, as the lock-waits and timeout-cost modes print them.</summary>
internal static class SortedSample
{
    /// <summary>The value at <paramref name="quantile"/> (0: the smallest, 1: the largest) of a non-empty sorted sample.</summary>
    public static T At<T>(IReadOnlyList<T> sorted, double quantile) => sorted[(int)Math.Min(sorted.Count - 1, quantile * sorted.Count)];
}
