// Shape: a generic BoundedObjectPool<T> in the style of Roslyn's ObjectPool (Func<T> factory, Allocate()/Free(T)) but bounded: Allocate() waits on a SemaphoreSlim and takes from a ConcurrentQueue or creates; an async tokenizer calls Allocate() after ConfigureAwait(false), a synchronous one does too.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindBoundedObjectPoolAllocate;

public sealed class BoundedObjectPool<T> where T : class
{
    private readonly Func<T> _factory;
    private readonly ConcurrentQueue<T> _free = new();
    private readonly SemaphoreSlim _capacity;

    public BoundedObjectPool(Func<T> factory, int size)
    {
        _factory = factory;
        _capacity = new SemaphoreSlim(size, size);
    }

    public T Allocate()
    {
        {|POOL001:_capacity.Wait()|};
        return _free.TryDequeue(out var item) ? item : _factory();
    }

    public void Free(T item)
    {
        _free.Enqueue(item);
        _capacity.Release();
    }
}

public sealed class Tokenizer
{
    public List<string> Tokenize(string text) => new(text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}

public sealed class DocumentIndexer
{
    private readonly BoundedObjectPool<Tokenizer> _tokenizers = new(() => new Tokenizer(), 4);

    public async Task<int> IndexAsync(Func<Task<string>> loadDocument)
    {
        var text = await loadDocument().ConfigureAwait(false);
        var tokenizer = {|POOL003:_tokenizers.Allocate()|};
        try
        {
            var tokens = tokenizer.Tokenize(text);
            await Task.Delay(1).ConfigureAwait(false);
            return tokens.Count;
        }
        finally
        {
            _tokenizers.Free(tokenizer);
        }
    }

    public int IndexNow(string text)
    {
        var tokenizer = _tokenizers.Allocate();
        try
        {
            return tokenizer.Tokenize(text).Count;
        }
        finally
        {
            _tokenizers.Free(tokenizer);
        }
    }
}
