// Shape: an async method calls its own synchronous local function Grab() that takes from a BlockingCollection pool: the call of Grab() gets POOL003, the Take() inside the synchronous local function does not; a static local formatting helper is not reported.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shapes.LocalFunctionCheckout;

public sealed class SpellChecker
{
    public Task<string[]> CheckAsync(string text) => Task.FromResult(Array.Empty<string>());
}

public sealed class SpellCheckService
{
    private readonly BlockingCollection<SpellChecker> _checkers = {|POOL001:new BlockingCollection<SpellChecker>(3)|};

    public SpellCheckService()
    {
        for (var i = 0; i < 3; i++)
            _checkers.Add(new SpellChecker());
    }

    public async Task<int> CountMistakesAsync(IReadOnlyList<string> paragraphs)
    {
        SpellChecker Grab() => _checkers.Take();
        static string Normalize(string text) => text.Trim().Replace("\r\n", "\n");

        var total = 0;
        foreach (var paragraph in paragraphs)
        {
            var checker = {|POOL003:Grab()|};
            try
            {
                var mistakes = await checker.CheckAsync(Normalize(paragraph));
                total += mistakes.Length;
            }
            finally
            {
                _checkers.Add(checker);
            }
        }

        return total;
    }
}
