// Shape: an Elasticsearch-like cluster: each ClusterNode owns a gated connection pool (LinkedList<T> under lock + SemaphoreSlim.Wait(milliseconds)); an extension method node.Checkout() => node.Connections.Obtain() is called from async search code (POOL003 at the extension call); Surrender() gives back.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindNodeExtensionCheckout;

public sealed class NodeConnection
{
    public Task<string> PostAsync(string path, string body) => Task.FromResult("{}");
}

public sealed class NodeConnectionPool
{
    private readonly LinkedList<NodeConnection> _free = new();
    private readonly SemaphoreSlim _freeCount;

    public NodeConnectionPool(int size)
    {
        _freeCount = new SemaphoreSlim(size, size);
        for (var i = 0; i < size; i++)
            _free.AddFirst(new NodeConnection());
    }

    public NodeConnection Obtain()
    {
        if (!{|POOL001:_freeCount.Wait(2_000)|})
            throw new TimeoutException("Node connection pool exhausted.");
        lock (_free)
        {
            var connection = _free.Last!.Value;
            _free.RemoveLast();
            return connection;
        }
    }

    public void Surrender(NodeConnection connection)
    {
        lock (_free)
            _free.AddLast(connection);
        _freeCount.Release();
    }
}

public sealed class ClusterNode
{
    public ClusterNode(string name, int connections)
    {
        Name = name;
        Connections = new NodeConnectionPool(connections);
    }

    public string Name { get; }

    public NodeConnectionPool Connections { get; }
}

public static class ClusterNodeExtensions
{
    public static NodeConnection Checkout(this ClusterNode node) => node.Connections.Obtain();

    public static void Checkin(this ClusterNode node, NodeConnection connection) => node.Connections.Surrender(connection);
}

public sealed class SearchService
{
    private readonly ClusterNode[] _nodes;

    public SearchService(ClusterNode[] nodes) => _nodes = nodes;

    public async Task<string> SearchAsync(string index, string query)
    {
        var node = _nodes[Math.Abs(query.GetHashCode()) % _nodes.Length];
        var connection = {|POOL003:node.Checkout()|};
        try
        {
            return await connection.PostAsync($"/{index}/_search", query);
        }
        finally
        {
            node.Checkin(connection);
        }
    }
}
