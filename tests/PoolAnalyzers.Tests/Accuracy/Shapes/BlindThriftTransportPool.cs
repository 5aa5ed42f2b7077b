// Shape: Thrift transport pool over a ConcurrentQueue gated by a System.Threading.Semaphore (WaitOne(milliseconds)); Borrow()/GiveBack(); an async batch fans out with Task.WhenAll(ids.Select(async id => ...)) and each lambda calls Borrow().
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindThriftTransportPool;

public sealed class TTransport
{
    public bool IsOpen { get; private set; }

    public void Open() => IsOpen = true;

    public Task<byte[]> CallAsync(string method, long id) => Task.FromResult(BitConverter.GetBytes(id));
}

public sealed class ThriftTransportPool : IDisposable
{
    private readonly ConcurrentQueue<TTransport> _transports = new();
    private readonly Semaphore _permits;
    private readonly int _borrowTimeoutMs;

    public ThriftTransportPool(int size, int borrowTimeoutMs)
    {
        _borrowTimeoutMs = borrowTimeoutMs;
        _permits = new Semaphore(size, size);
        for (var i = 0; i < size; i++)
        {
            var transport = new TTransport();
            transport.Open();
            _transports.Enqueue(transport);
        }
    }

    public TTransport Borrow()
    {
        if (!{|POOL001:_permits.WaitOne(_borrowTimeoutMs)|})
            throw new TimeoutException("Thrift transport pool exhausted.");

        if (_transports.TryDequeue(out var transport))
            return transport;

        _permits.Release();
        throw new InvalidOperationException("Permit granted but no transport queued.");
    }

    public void GiveBack(TTransport transport)
    {
        _transports.Enqueue(transport);
        _permits.Release();
    }

    public void Dispose() => _permits.Dispose();
}

public sealed class ProfileBatchLoader
{
    private readonly ThriftTransportPool _pool;

    public ProfileBatchLoader(ThriftTransportPool pool) => _pool = pool;

    public async Task<IReadOnlyList<byte[]>> LoadAsync(IEnumerable<long> ids)
    {
        var results = await Task.WhenAll(ids.Select(async id =>
        {
            var transport = {|POOL003:_pool.Borrow()|};
            try
            {
                return await transport.CallAsync("getProfile", id);
            }
            finally
            {
                _pool.GiveBack(transport);
            }
        }));

        return results;
    }
}
