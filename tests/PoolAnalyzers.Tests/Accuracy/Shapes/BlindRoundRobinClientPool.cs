// Shape: (negative) a class named ClientPool with GetClient() that picks the next of a fixed array of shared, thread-safe clients round-robin (Interlocked.Increment); nothing is taken out or put back and nothing waits, so async callers of GetClient() are fine.
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindRoundRobinClientPool;

public sealed class SearchClient
{
    public SearchClient(Uri node) => Node = node;

    public Uri Node { get; }

    public Task<string[]> SearchAsync(string query) => Task.FromResult(new[] { $"{Node.Host}:{query}" });
}

public sealed class SearchClientPool
{
    private readonly SearchClient[] _clients;
    private int _cursor = -1;

    public SearchClientPool(params Uri[] nodes) => _clients = nodes.Select(n => new SearchClient(n)).ToArray();

    public static SearchClientPool Shared { get; } = new(new Uri("http://search-1:9200"), new Uri("http://search-2:9200"));

    public SearchClient GetClient()
    {
        var index = (int)((uint)Interlocked.Increment(ref _cursor) % (uint)_clients.Length);
        return _clients[index];
    }
}

public sealed class ProductSearchController
{
    private readonly SearchClientPool _pool;

    public ProductSearchController(SearchClientPool pool) => _pool = pool;

    public async Task<string[]> SearchAsync(string query)
    {
        var client = _pool.GetClient();
        return await client.SearchAsync(query);
    }

    public async Task<int> CountAcrossNodesAsync(string query)
    {
        var hits = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            var client = SearchClientPool.Shared.GetClient();
            var results = await client.SearchAsync(query);
            return results.Length;
        }));
        return hits.Sum();
    }
}
