using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PoolAnalyzers.Internal;

/// <summary>
/// What a diagnostic tells its code fix, so that the fix needs nothing but the document: the kind of rewrite
/// (<see cref="FixKinds"/>), and in the additional locations first the pool's creations to swap, then the pool's
/// synchronous checkouts in async code to await with the swap.
/// </summary>
internal static class FixProperties
{
    public const string CreationCount = "PoolCreations";

    public static ImmutableDictionary<string, string?> For(string? fix, int creationCount = 0)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (fix is not null)
        {
            properties = properties.Add(FixKinds.PropertyName, fix);
        }

        return creationCount > 0 ? properties.Add(CreationCount, creationCount.ToString(CultureInfo.InvariantCulture)) : properties;
    }

    /// <summary>The pool's creations (additional locations, first part).</summary>
    public static IEnumerable<Location> Creations(Diagnostic diagnostic) => diagnostic.AdditionalLocations.Take(Count(diagnostic));

    /// <summary>The pool's checkouts in async code (additional locations, second part).</summary>
    public static IEnumerable<Location> Checkouts(Diagnostic diagnostic) => diagnostic.AdditionalLocations.Skip(Count(diagnostic));

    private static int Count(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(CreationCount, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0;
}
