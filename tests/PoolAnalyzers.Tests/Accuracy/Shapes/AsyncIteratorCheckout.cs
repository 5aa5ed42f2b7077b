// Shape: Stack<T> pool gated by SemaphoreSlim.Wait(timeout) with the pop under a lock; an async iterator checks out a cursor through the synchronous Open(timeout).
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.AsyncIteratorCheckout;

public sealed class Cursor
{
    private int _row;

    public Task<string?> NextAsync() => Task.FromResult(_row < 3 ? $"row {_row++}" : null);

    public void Reset() => _row = 0;
}

public sealed class CursorPool
{
    private readonly object _sync = new();
    private readonly Stack<Cursor> _cursors = new();
    private readonly SemaphoreSlim _available;

    public CursorPool(int size)
    {
        _available = new SemaphoreSlim(size, size);
        for (var i = 0; i < size; i++)
            _cursors.Push(new Cursor());
    }

    public Cursor Open(TimeSpan timeout)
    {
        if (!{|POOL001:_available.Wait(timeout)|})
            throw new TimeoutException("No cursor available.");
        lock (_sync)
            return _cursors.Pop();
    }

    public void Close(Cursor cursor)
    {
        cursor.Reset();
        lock (_sync)
            _cursors.Push(cursor);
        _available.Release();
    }
}

public sealed class ExportStream
{
    private readonly CursorPool _cursors;

    public ExportStream(CursorPool cursors) => _cursors = cursors;

    public async IAsyncEnumerable<string> ReadAllAsync()
    {
        var cursor = {|POOL003:_cursors.Open(TimeSpan.FromSeconds(2))|};
        try
        {
            string? row;
            while ((row = await cursor.NextAsync()) is not null)
                yield return row;
        }
        finally
        {
            _cursors.Close(cursor);
        }
    }
}
