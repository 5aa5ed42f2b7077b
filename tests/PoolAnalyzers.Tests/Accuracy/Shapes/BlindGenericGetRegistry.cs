// Shape: a client registry with a generic wrapper T Get<T>() that casts a per-type ClientPool<T> (BlockingCollection<T>, Take in Rent()) out of a dictionary; async code calls _clients.Get<BillingApiClient>(); Give<T>(client) returns it.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shapes.BlindGenericGetRegistry;

public sealed class ClientPool<T> where T : class, new()
{
    private readonly BlockingCollection<T> _clients = {|POOL001:new BlockingCollection<T>()|};

    public ClientPool(int size)
    {
        for (var i = 0; i < size; i++)
            _clients.Add(new T());
    }

    public T Rent() => _clients.Take();

    public void Give(T client) => _clients.Add(client);
}

public sealed class ServiceClientRegistry
{
    private readonly Dictionary<Type, object> _pools = new();

    public void Register<T>(int size) where T : class, new() => _pools[typeof(T)] = new ClientPool<T>(size);

    public T Get<T>() where T : class, new() => ((ClientPool<T>)_pools[typeof(T)]).Rent();

    public void Give<T>(T client) where T : class, new() => ((ClientPool<T>)_pools[typeof(T)]).Give(client);
}

public sealed class BillingApiClient
{
    public Task<decimal> GetBalanceAsync(string account) => Task.FromResult(0m);
}

public sealed class ShippingApiClient
{
    public Task<string> TrackAsync(string parcel) => Task.FromResult("in transit");
}

public sealed class AccountOverview
{
    private readonly ServiceClientRegistry _clients;

    public AccountOverview(ServiceClientRegistry clients) => _clients = clients;

    public async Task<string> BuildAsync(string account, string parcel)
    {
        var billing = {|POOL003:_clients.Get<BillingApiClient>()|};
        var shipping = {|POOL003:_clients.Get<ShippingApiClient>()|};
        try
        {
            var balance = await billing.GetBalanceAsync(account);
            var status = await shipping.TrackAsync(parcel);
            return $"{account}: {balance:C}, parcel {status}";
        }
        finally
        {
            _clients.Give(billing);
            _clients.Give(shipping);
        }
    }
}
