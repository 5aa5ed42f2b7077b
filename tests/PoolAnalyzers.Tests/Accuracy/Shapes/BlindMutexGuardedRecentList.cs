// Shape: (negative) a SemaphoreSlim(1, 1) used as a mutex in synchronous code around a List<T> of recent searches: every method Waits and Releases in its own finally, including PopLatest() which removes and returns an item; nothing is ever given back, so there is no pool.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Shapes.BlindMutexGuardedRecentList;

public sealed class RecentSearches
{
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly List<string> _recent = new();
    private readonly int _limit;

    public RecentSearches(int limit) => _limit = limit;

    public void Record(string query)
    {
        _mutex.Wait();
        try
        {
            _recent.Remove(query);
            _recent.Add(query);
            if (_recent.Count > _limit)
                _recent.RemoveAt(0);
        }
        finally
        {
            _mutex.Release();
        }
    }

    public string? PopLatest()
    {
        _mutex.Wait();
        try
        {
            if (_recent.Count == 0)
                return null;
            var latest = _recent[^1];
            _recent.RemoveAt(_recent.Count - 1);
            return latest;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        _mutex.Wait();
        try
        {
            return _recent.AsEnumerable().Reverse().ToList();
        }
        finally
        {
            _mutex.Release();
        }
    }
}

public sealed class SearchBox
{
    private readonly RecentSearches _recent = new(10);

    public void Submit(string query) => _recent.Record(query.Trim());

    public void UndoLast() => _recent.PopLatest();

    public string Render() => string.Join(" | ", _recent.Snapshot());
}
