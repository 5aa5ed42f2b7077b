// Shape: a generic ObjectPool<T> over BlockingCollection<T> that creates items on demand with a Func<T> factory up to a limit, then blocks in Take(); a disposable lease struct returns the item; async code calls Get() and Lease() (Lease -> Get -> Take).
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.GenericObjectPoolWithFactory;

public sealed class ObjectPool<T> where T : class
{
    private readonly BlockingCollection<T> _items;
    private readonly Func<T> _factory;
    private readonly int _maxItems;
    private int _created;

    public ObjectPool(Func<T> factory, int maxItems)
    {
        _factory = factory;
        _maxItems = maxItems;
        _items = {|POOL001:new BlockingCollection<T>(maxItems)|};
    }

    public T Get()
    {
        if (_items.TryTake(out var item))
            return item;
        if (Interlocked.Increment(ref _created) <= _maxItems)
            return _factory();

        Interlocked.Decrement(ref _created);
        return _items.Take(); // every item is out: wait for one to come back
    }

    public void Return(T item) => _items.Add(item);

    public PooledItem<T> Lease() => new PooledItem<T>(this, Get());
}

public readonly struct PooledItem<T> : IDisposable where T : class
{
    private readonly ObjectPool<T> _pool;

    public PooledItem(ObjectPool<T> pool, T value)
    {
        _pool = pool;
        Value = value;
    }

    public T Value { get; }

    public void Dispose() => _pool.Return(Value);
}

public sealed class XmlSigner
{
    public Task<string> SignAsync(string xml) => Task.FromResult(xml);
}

public sealed class EInvoiceService
{
    private readonly ObjectPool<XmlSigner> _signers = new(() => new XmlSigner(), maxItems: 4);

    public async Task<string> SignInvoiceAsync(string xml)
    {
        using var lease = {|POOL003:_signers.Lease()|};
        return await lease.Value.SignAsync(xml);
    }

    public async Task<string[]> SignBatchAsync(IReadOnlyList<string> documents)
    {
        var signer = {|POOL003:_signers.Get()|};
        try
        {
            var results = new string[documents.Count];
            for (var i = 0; i < documents.Count; i++)
                results[i] = await signer.SignAsync(documents[i]);
            return results;
        }
        finally
        {
            _signers.Return(signer);
        }
    }
}
