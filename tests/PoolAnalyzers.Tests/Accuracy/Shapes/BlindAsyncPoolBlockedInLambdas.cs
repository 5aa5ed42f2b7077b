// Shape: a generic AsyncObjectPool<T> with RentAsync/BorrowAsync (WaitAsync on its gate); .GetAwaiter().GetResult() on RentAsync inside an async Func<Task> lambda, .Result on BorrowAsync in an async local function, and .Wait() on the pool's own gate WaitAsync in an async method (POOL002); the awaited forms are not reported.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindAsyncPoolBlockedInLambdas;

public sealed class AsyncObjectPool<T>
{
    private readonly ConcurrentQueue<T> _items;
    private readonly SemaphoreSlim _gate;

    public AsyncObjectPool(IEnumerable<T> items)
    {
        _items = new ConcurrentQueue<T>(items);
        _gate = new SemaphoreSlim(_items.Count, _items.Count);
    }

    public async Task<T> RentAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        _items.TryDequeue(out var item);
        return item!;
    }

    public Task<T> BorrowAsync() => RentAsync();

    public async Task<int> DrainCountAsync()
    {
        {|POOL002:_gate.WaitAsync().Wait()|};
        try
        {
            await Task.Yield();
            return _items.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Return(T item)
    {
        _items.Enqueue(item);
        _gate.Release();
    }
}

public sealed class Translator
{
    public Task<string> TranslateAsync(string text) => Task.FromResult(text.ToUpperInvariant());
}

public sealed class SubtitleJob
{
    private readonly AsyncObjectPool<Translator> _translators = new(Enumerable.Range(0, 3).Select(_ => new Translator()));

    public async Task<string[]> TranslateAllAsync(string[] lines)
    {
        var output = new string[lines.Length];
        Func<int, Task> translateLine = async i =>
        {
            var translator = {|POOL002:_translators.RentAsync().GetAwaiter().GetResult()|};
            try { output[i] = await translator.TranslateAsync(lines[i]); }
            finally { _translators.Return(translator); }
        };

        await Task.WhenAll(Enumerable.Range(0, lines.Length).Select(translateLine));
        return output;
    }

    public async Task<string> TranslateTitleAsync(string title)
    {
        async Task<string> Translate()
        {
            var translator = {|POOL002:_translators.BorrowAsync().Result|};
            try { return await translator.TranslateAsync(title); }
            finally { _translators.Return(translator); }
        }

        return await Translate();
    }

    public async Task<string> TranslateProperlyAsync(string text)
    {
        var translator = await _translators.RentAsync();
        try { return await translator.TranslateAsync(text); }
        finally { _translators.Return(translator); }
    }
}
