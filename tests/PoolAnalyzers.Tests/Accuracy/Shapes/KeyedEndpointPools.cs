// Shape: keyed pools, one BlockingCollection per endpoint in a ConcurrentDictionary, created in a GetOrAdd lambda and returned through the indexer; an async client checks out through the synchronous Rent(endpoint).
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Shapes.KeyedEndpointPools;

public sealed class TcpConnection
{
    public TcpConnection(string endpoint) => Endpoint = endpoint;

    public string Endpoint { get; }

    public Task<byte[]> SendAsync(byte[] frame) => Task.FromResult(frame);
}

public sealed class EndpointConnectionPools
{
    private const int ConnectionsPerEndpoint = 4;
    private readonly ConcurrentDictionary<string, BlockingCollection<TcpConnection>> _pools = new(StringComparer.OrdinalIgnoreCase);

    public TcpConnection Rent(string endpoint)
    {
        var pool = _pools.GetOrAdd(endpoint, key =>
        {
            var created = {|POOL001:new BlockingCollection<TcpConnection>(ConnectionsPerEndpoint)|};
            for (var i = 0; i < ConnectionsPerEndpoint; i++)
                created.Add(new TcpConnection(key));
            return created;
        });

        return pool.Take();
    }

    public void Return(TcpConnection connection) => _pools[connection.Endpoint].Add(connection);
}

public sealed class MessageBusClient
{
    private readonly EndpointConnectionPools _pools;

    public MessageBusClient(EndpointConnectionPools pools) => _pools = pools;

    public async Task<byte[]> PublishAsync(string broker, byte[] message)
    {
        var connection = {|POOL003:_pools.Rent(broker)|};
        try
        {
            return await connection.SendAsync(message);
        }
        finally
        {
            _pools.Return(connection);
        }
    }
}
