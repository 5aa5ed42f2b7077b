// Shape: (negative) a round-robin array of shared, thread-safe clients picked with Interlocked.Increment; no lease, nothing is taken out or returned, and the async callers never wait.
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.RoundRobinClients;

public sealed class GeoClient
{
    public GeoClient(string baseUrl) => BaseUrl = baseUrl;

    public string BaseUrl { get; }

    public Task<(double Lat, double Lon)> GeocodeAsync(string address) => Task.FromResult((0.0, 0.0));
}

public sealed class GeoClientRing
{
    private readonly GeoClient[] _clients;
    private int _next = -1;

    public GeoClientRing(string baseUrl, int count)
    {
        _clients = Enumerable.Range(0, count).Select(_ => new GeoClient(baseUrl)).ToArray();
    }

    // Clients are thread-safe; spreading calls over a few of them avoids one hot connection.
    public GeoClient Next() => _clients[Interlocked.Increment(ref _next) % _clients.Length];
}

public sealed class AddressValidator
{
    private readonly GeoClientRing _ring;

    public AddressValidator(GeoClientRing ring) => _ring = ring;

    public async Task<bool> IsDeliverableAsync(string address)
    {
        var client = _ring.Next();
        var (lat, lon) = await client.GeocodeAsync(address);
        return Math.Abs(lat) > double.Epsilon || Math.Abs(lon) > double.Epsilon;
    }
}
