// Shape: a generic DisposablePool<T> over a BlockingCollection<T> that hands out a PooledObject<T> struct whose Dispose() puts the item back; the pool is reached through a static Compressors.Shared property; async code does using var pooled = Compressors.Shared.Rent().
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading.Tasks;

namespace Shapes.BlindPooledObjectSharedPool;

public struct PooledObject<T> : IDisposable where T : class
{
    private DisposablePool<T>? _pool;

    internal PooledObject(DisposablePool<T> pool, T value)
    {
        _pool = pool;
        Value = value;
    }

    public T Value { get; }

    public void Dispose()
    {
        _pool?.Put(Value);
        _pool = null;
    }
}

public sealed class DisposablePool<T> where T : class
{
    private readonly BlockingCollection<T> _items;

    public DisposablePool(Func<T> create, int size)
    {
        _items = {|POOL001:new BlockingCollection<T>(new ConcurrentStack<T>(), size)|};
        for (var i = 0; i < size; i++)
            _items.Add(create());
    }

    public PooledObject<T> Rent() => new(this, _items.Take());

    internal void Put(T value) => _items.Add(value);
}

public sealed class Compressor
{
    public byte[] Compress(byte[] data) => data;
}

public static class Compressors
{
    public static DisposablePool<Compressor> Shared { get; } = new(() => new Compressor(), Environment.ProcessorCount);
}

public sealed class ArchiveWriter
{
    public async Task WriteEntryAsync(Stream destination, byte[] content)
    {
        using var pooled = {|POOL003:Compressors.Shared.Rent()|};
        var compressed = pooled.Value.Compress(content);
        await destination.WriteAsync(compressed);
    }

    public void WriteEntry(Stream destination, byte[] content)
    {
        using var pooled = Compressors.Shared.Rent();
        destination.Write(pooled.Value.Compress(content));
    }
}
