namespace PoolBenchmark;

/// <summary>
/// A confidence interval for the median of a few noisy measurements, taken from their order statistics and assuming
/// nothing about their distribution: the true median lies below the k-th smallest of n values only when fewer than k of
/// them fall below it, which has the binomial probability P(Binomial(n, ½) &lt; k) whatever the values' distribution,
/// as long as the values are independent of each other.
/// Rounds on a busy machine are far from normal (one collapsed round can be a fifth of the others), so a mean and a
/// standard deviation would mislead. An interval of ratios that leaves out 1 is a two-sided sign test rejecting "neither
/// pool is faster" at the same level.
/// </summary>
/// <param name="Low">The k-th smallest value.</param>
/// <param name="High">The k-th largest value.</param>
/// <param name="Coverage">The probability that the interval holds the median: at least the level asked for.</param>
public readonly record struct MedianInterval(double Low, double High, double Coverage)
{
    /// <summary>The fewest values that give a 95% interval (five give at most 93.75%: all five on one side has 1/16).</summary>
    public const int FewestFor95 = 6;

    /// <summary>
    /// The narrowest order-statistic interval whose coverage is at least <paramref name="level"/>; false when
    /// <paramref name="values"/> are too few for that level even from their lowest to their highest.
    /// </summary>
    public static bool TryCompute(IReadOnlyList<double> values, double level, out MedianInterval interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(level, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, 1);
        if (values.Any(value => !double.IsFinite(value)))
        {
            throw new ArgumentException("Every value must be a finite number; a round that measured nothing has no ratio.", nameof(values));
        }

        var n = values.Count;
        var allowedMiss = 1 - level;

        // Grow k while both tails, 2 P(B ≤ k - 1), stay within what may be missed; below = P(B ≤ k - 1). The point
        // masses P(B = j) are kept as logarithms: 0.5^n underflows to 0 from about a thousand values on.
        var k = 0;
        var below = 0.0;
        var logPointMass = n * Math.Log(0.5); // log P(B = j), starting at j = 0
        for (var j = 0; 2 * (j + 1) <= n; j++)
        {
            var next = below + Math.Exp(logPointMass);
            if (2 * next > allowedMiss)
            {
                break;
            }

            below = next;
            k = j + 1;
            logPointMass += Math.Log((double)(n - j) / (j + 1));
        }

        if (k == 0)
        {
            interval = default;
            return false;
        }

        var sorted = values.Order().ToArray();
        interval = new MedianInterval(sorted[k - 1], sorted[n - k], 1 - (2 * below));
        return true;
    }
}
