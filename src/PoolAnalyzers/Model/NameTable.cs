using System.Collections.Generic;

namespace PoolAnalyzers.Model;

/// <summary>
/// A set of names that finds the known ones among the words of a text without allocating a string per word (the
/// analyzers target netstandard2.0, which has no span-keyed dictionary).
/// </summary>
internal sealed class NameTable
{
    private readonly Dictionary<int, List<string>> _byHash = [];

    // Lengths of the known names (bit n: some name has n characters, longer names share bit 63): most words of a
    // text are skipped on their length alone, without a dictionary lookup.
    private ulong _lengths;

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

        _lengths |= LengthBit(name.Length);
    }

    /// <summary>Each identifier-like word of <paramref name="text"/> between the bounds that is a known name, with where it stands.</summary>
    public IEnumerable<(string Name, int Position)> Find(string text, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (IsWordStart(c))
            {
                // The hash is computed while the word is read, as Hash computes it.
                var first = i;
                var hash = unchecked(((int)2166136261 ^ c) * 16777619);
                i++;
                while (i < end && IsWordPart(text[i]))
                {
                    hash = unchecked((hash ^ text[i]) * 16777619);
                    i++;
                }

                if ((_lengths & LengthBit(i - first)) != 0 && _byHash.TryGetValue(hash, out var names))
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
            else if (c is >= '0' and <= '9' || (c > 127 && char.IsDigit(c)))
            {
                // A number, with its suffix or hex digits: not a name.
                i++;
                while (i < end && IsWordPart(text[i]))
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

    private static ulong LengthBit(int length) => 1UL << (length < 63 ? length : 63);

    private static bool IsWordStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (c > 127 && char.IsLetter(c));

    private static bool IsWordPart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || (c > 127 && char.IsLetterOrDigit(c));

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
