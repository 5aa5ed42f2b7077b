using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PoolAnalyzers.Internal;

/// <summary>
/// What a diagnostic tells its code fix, so that the fix reads nothing but the documents it edits: the kind of rewrite
/// (<see cref="FixKinds"/>), and in the additional locations, in this order, the leading locations a fix names (for
/// the async twin: the wrapper method and its blocking call), the pool's creations to swap, and the pool's synchronous
/// checkouts in async code to await with the swap.
/// </summary>
internal static class FixProperties
{
    private const string LeadCount = "PoolLead";
    private const string CreationCount = "PoolCreations";

    public static ImmutableDictionary<string, string?> For(string? fix, int creationCount = 0, int leadCount = 0)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (fix is not null)
        {
            properties = properties.Add(FixKinds.PropertyName, fix);
        }

        if (leadCount > 0)
        {
            properties = properties.Add(LeadCount, leadCount.ToString(CultureInfo.InvariantCulture));
        }

        return creationCount > 0 ? properties.Add(CreationCount, creationCount.ToString(CultureInfo.InvariantCulture)) : properties;
    }

    /// <summary>The leading locations (additional locations, first part).</summary>
    public static IEnumerable<Location> Leads(Diagnostic diagnostic) => diagnostic.AdditionalLocations.Take(Count(diagnostic, LeadCount));

    /// <summary>The pool's creations (additional locations, second part).</summary>
    public static IEnumerable<Location> Creations(Diagnostic diagnostic) =>
        diagnostic.AdditionalLocations.Skip(Count(diagnostic, LeadCount)).Take(Count(diagnostic, CreationCount));

    /// <summary>The pool's checkouts in async code (additional locations, last part).</summary>
    public static IEnumerable<Location> Checkouts(Diagnostic diagnostic) =>
        diagnostic.AdditionalLocations.Skip(Count(diagnostic, LeadCount) + Count(diagnostic, CreationCount));

    private static int Count(Diagnostic diagnostic, string property) =>
        diagnostic.Properties.TryGetValue(property, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0;
}
