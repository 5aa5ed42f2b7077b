// Shape: (negative) a Roslyn-style ObjectPool<T> (Func<T> factory, T[] slots claimed with Interlocked.CompareExchange, Allocate()/Free(T)) that never blocks: when every slot is empty it creates a new item, when full it drops the freed one; async code calls Allocate()/Free().
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindLockFreeObjectPool;

public sealed class ObjectPool<T> where T : class
{
    private readonly T?[] _items;
    private readonly Func<T> _factory;

    public ObjectPool(Func<T> factory, int size)
    {
        _factory = factory;
        _items = new T?[size];
    }

    public T Allocate()
    {
        for (var i = 0; i < _items.Length; i++)
        {
            var candidate = _items[i];
            if (candidate is not null && Interlocked.CompareExchange(ref _items[i], null, candidate) == candidate)
                return candidate;
        }

        return _factory();
    }

    public void Free(T item)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _items[i], item, null) is null)
                return;
        }
    }
}

public sealed class MarkdownRenderer
{
    private static readonly ObjectPool<StringBuilder> Builders = new(() => new StringBuilder(256), 16);

    public async Task<string> RenderAsync(Func<Task<string[]>> loadLines)
    {
        var lines = await loadLines();
        var builder = Builders.Allocate();
        try
        {
            foreach (var line in lines)
                builder.Append("<p>").Append(line).Append("</p>");
            await Task.Yield();
            return builder.ToString();
        }
        finally
        {
            builder.Clear();
            Builders.Free(builder);
        }
    }
}
