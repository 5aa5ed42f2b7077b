using System;
using System.Collections.Generic;

namespace PoolAnalyzers.Model;

/// <summary>
/// A set of names that finds the known ones among the words of a text without allocating a string per word (the
/// analyzers target netstandard2.0, which has no span-keyed dictionary).
/// </summary>
internal sealed class NameTable
{
    // One name per hash, and the rare names whose hash another name already has apart: a list per name would be the
    // table's main cost when it holds every method name of a compilation.
    private readonly Dictionary<int, string> _byHash = [];
    private readonly Dictionary<int, List<string>> _collisions = [];

    public void Add(string name)
    {
        var hash = Hash(name, 0, name.Length);
        if (!_byHash.TryGetValue(hash, out var existing))
        {
            _byHash.Add(hash, name);
        }
        else if (!string.Equals(existing, name, StringComparison.Ordinal))
        {
            if (!_collisions.TryGetValue(hash, out var others))
            {
                _collisions.Add(hash, others = []);
            }

            if (!others.Contains(name))
            {
                others.Add(name);
            }
        }
    }

    /// <summary>Each identifier-like word of <paramref name="text"/> between the bounds that is a known name, with where it stands.</summary>
    public IEnumerable<(string Name, int Position)> Find(string text, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c == '_' || char.IsLetter(c))
            {
                var first = i++;
                while (i < end && (text[i] == '_' || char.IsLetterOrDigit(text[i])))
                {
                    i++;
                }

                if (Lookup(text, first, i - first) is { } name)
                {
                    yield return (name, first);
                }
            }
            else if (char.IsDigit(c))
            {
                // A number, with its suffix or hex digits: not a name.
                while (i < end && (text[i] == '_' || char.IsLetterOrDigit(text[i])))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }
        }
    }

    private string? Lookup(string text, int start, int length)
    {
        var hash = Hash(text, start, length);
        if (!_byHash.TryGetValue(hash, out var name))
        {
            return null;
        }

        if (IsAt(name, text, start, length))
        {
            return name;
        }

        if (_collisions.TryGetValue(hash, out var others))
        {
            foreach (var other in others)
            {
                if (IsAt(other, text, start, length))
                {
                    return other;
                }
            }
        }

        return null;
    }

    private static bool IsAt(string name, string text, int start, int length) =>
        name.Length == length && string.CompareOrdinal(text, start, name, 0, length) == 0;

    private static int Hash(string text, int start, int length)
    {
        unchecked
        {
            var hash = (int)2166136261;
            for (var i = start; i < start + length; i++)
            {
                hash = (hash ^ text[i]) * 16777619;
            }

            return hash;
        }
    }
}
