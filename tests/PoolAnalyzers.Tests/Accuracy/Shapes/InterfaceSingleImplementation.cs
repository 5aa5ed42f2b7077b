// Shape: an async indexer depends on IConnectionSource whose only implementation in the file blocks on a Monitor-gated Queue<T>; the interface call from async code gets POOL003.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.InterfaceSingleImplementation;

public sealed class ElasticConnection
{
    public Task<int> IndexAsync(string index, string document) => Task.FromResult(1);
}

public interface IConnectionSource
{
    ElasticConnection Acquire();

    void Release(ElasticConnection connection);
}

public sealed class PooledConnectionSource : IConnectionSource
{
    private readonly object _sync = new();
    private readonly Queue<ElasticConnection> _idle = new();

    public PooledConnectionSource(int size)
    {
        for (var i = 0; i < size; i++)
            _idle.Enqueue(new ElasticConnection());
    }

    public ElasticConnection Acquire()
    {
        lock (_sync)
        {
            while (_idle.Count == 0)
                {|POOL001:Monitor.Wait(_sync)|};
            return _idle.Dequeue();
        }
    }

    public void Release(ElasticConnection connection)
    {
        lock (_sync)
        {
            _idle.Enqueue(connection);
            Monitor.Pulse(_sync);
        }
    }
}

public sealed class SearchIndexer
{
    private readonly IConnectionSource _source;

    public SearchIndexer(IConnectionSource source) => _source = source;

    public async Task<int> IndexProductAsync(string document)
    {
        var connection = {|POOL003:_source.Acquire()|};
        try
        {
            return await connection.IndexAsync("products", document);
        }
        finally
        {
            _source.Release(connection);
        }
    }
}
