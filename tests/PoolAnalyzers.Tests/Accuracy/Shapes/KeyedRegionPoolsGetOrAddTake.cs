// Shape: keyed BlockingCollection pools per region created pre-filled in a GetOrAdd lambda and taken straight off GetOrAdd(...).Take(); returned through TryGetValue; used from an async search and a synchronous health probe.
using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;

namespace Shapes.KeyedRegionPoolsGetOrAddTake;

public sealed class SearchNode
{
    public SearchNode(string region, int index)
    {
        Region = region;
        Index = index;
    }

    public string Region { get; }

    public int Index { get; }

    public Task<string[]> QueryAsync(string text) => Task.FromResult(new[] { text });
}

public sealed class RegionalSearchPools
{
    private const int NodesPerRegion = 3;
    private readonly ConcurrentDictionary<string, BlockingCollection<SearchNode>> _byRegion = new();

    public SearchNode Rent(string region) =>
        _byRegion.GetOrAdd(region, r => {|POOL001:new BlockingCollection<SearchNode>(new ConcurrentQueue<SearchNode>(Enumerable.Range(0, NodesPerRegion).Select(i => new SearchNode(r, i))))|}).Take();

    public void Return(SearchNode node)
    {
        if (_byRegion.TryGetValue(node.Region, out var pool))
            pool.Add(node);
    }
}

public sealed class SearchFacade
{
    private readonly RegionalSearchPools _pools;

    public SearchFacade(RegionalSearchPools pools) => _pools = pools;

    public async Task<string[]> SearchAsync(string region, string text)
    {
        var node = {|POOL003:_pools.Rent(region)|};
        try
        {
            return await node.QueryAsync(text);
        }
        finally
        {
            _pools.Return(node);
        }
    }

    // Used by the synchronous health check endpoint.
    public bool Probe(string region)
    {
        var node = _pools.Rent(region);
        try
        {
            return node.Index >= 0;
        }
        finally
        {
            _pools.Return(node);
        }
    }
}
