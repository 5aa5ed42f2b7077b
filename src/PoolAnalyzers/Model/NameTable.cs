using System.Collections.Generic;

namespace PoolAnalyzers.Model;

/// <summary>
/// A set of names that finds the known ones among the words of a text without allocating a string per word (the
/// analyzers target netstandard2.0, which has no span-keyed dictionary).
/// </summary>
internal sealed class NameTable
{
    private readonly Dictionary<int, List<string>> _byHash = [];

    public void Add(string name)
    {
        var hash = Hash(name, 0, name.Length);
        if (!_byHash.TryGetValue(hash, out var names))
        {
            _byHash.Add(hash, names = []);
        }

        if (!names.Contains(name))
        {
            names.Add(name);
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

                if (_byHash.TryGetValue(Hash(text, first, i - first), out var names))
                {
                    foreach (var name in names)
                    {
                        if (name.Length == i - first && string.CompareOrdinal(text, first, name, 0, name.Length) == 0)
                        {
                            yield return (name, first);
                            break;
                        }
                    }
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
