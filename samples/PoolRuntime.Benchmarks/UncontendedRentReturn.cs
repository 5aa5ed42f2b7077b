using System.Collections.Concurrent;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;

namespace PoolRuntime.Benchmarks;

/// <summary>
/// One caller renting an idle item and giving it back, over and over: the fast path every request takes when the
/// pool is big enough. Each pool is called through its own API the way its users write it, with a 30 s timeout.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class UncontendedRentReturn
{
    private const int Operations = 1_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly AsyncPool<Connection> _asyncPool = new(_ => new ValueTask<Connection>(new Connection()), new() { MaxSize = 4 });
    private readonly SemaphoreSlim _gate = new(4, 4);
    private readonly ConcurrentStack<Connection> _stack = new();
    private readonly Channel<Connection> _channel = Channel.CreateUnbounded<Connection>();
#pragma warning disable POOL001 // the blocking pool is the baseline under measurement
    private readonly BlockingCollection<Connection> _blocking = new(4);
#pragma warning restore POOL001

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < 4; i++)
        {
            _stack.Push(new Connection());
            _channel.Writer.TryWrite(new Connection());
            _blocking.Add(new Connection());
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _asyncPool.Dispose();
        _gate.Dispose();
        _blocking.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "AsyncPool.RentAsync + lease.Dispose")]
    public async ValueTask AsyncPoolLease()
    {
        for (var i = 0; i < Operations; i++)
        {
            using var lease = await _asyncPool.RentAsync(Timeout);
            lease.Value.Uses++;
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "SemaphoreSlim.WaitAsync + ConcurrentStack")]
    public async ValueTask SemaphoreStack()
    {
        for (var i = 0; i < Operations; i++)
        {
            if (!await _gate.WaitAsync(Timeout))
            {
                throw new TimeoutException();
            }

            _stack.TryPop(out var connection);
            connection!.Uses++;
            _stack.Push(connection);
            _gate.Release();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "Channel<T> TryRead/ReadAsync + TryWrite")]
    public async ValueTask ChannelPool()
    {
        for (var i = 0; i < Operations; i++)
        {
            if (!_channel.Reader.TryRead(out var connection))
            {
                using var cancel = new CancellationTokenSource(Timeout);
                connection = await _channel.Reader.ReadAsync(cancel.Token);
            }

            connection.Uses++;
            _channel.Writer.TryWrite(connection);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "BlockingCollection.TryTake(out, timeout) + Add")]
    public void BlockingCollectionPool()
    {
        for (var i = 0; i < Operations; i++)
        {
            if (!_blocking.TryTake(out var connection, Timeout))
            {
                throw new TimeoutException();
            }

            connection.Uses++;
            _blocking.Add(connection);
        }
    }
}
