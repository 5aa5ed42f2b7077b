using System.Collections.Concurrent;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;

namespace PoolRuntime.Benchmarks;

/// <summary>
/// 64 concurrent callers sharing 4 items: nearly every rent waits, so this measures the waiting path (queueing,
/// hand-off, wake-up) and what it allocates. Each benchmark runs 64 workers x 200 rent/return cycles; the figures
/// are per cycle. With a timeout (how pools are used) and without (each alternative's cheapest form).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ContendedRentReturn
{
    private const int Workers = 64;
    private const int Items = 4;
    private const int CyclesPerWorker = 200;
    private const int Operations = Workers * CyclesPerWorker;

    private AsyncPool<Connection> _asyncPool = null!;
    private SemaphoreSlim _gate = null!;
    private ConcurrentStack<Connection> _stack = null!;
    private Channel<Connection> _channel = null!;
    private BlockingCollection<Connection> _blocking = null!;

    [Params(true, false)]
    public bool WithTimeout { get; set; }

    private TimeSpan Timeout => WithTimeout ? TimeSpan.FromSeconds(30) : System.Threading.Timeout.InfiniteTimeSpan;

    [GlobalSetup]
    public void Setup()
    {
        _asyncPool = new AsyncPool<Connection>(Enumerable.Range(0, Items).Select(_ => new Connection()));
        _gate = new SemaphoreSlim(Items, Items);
        _stack = new ConcurrentStack<Connection>(Enumerable.Range(0, Items).Select(_ => new Connection()));
        _channel = Channel.CreateUnbounded<Connection>();
        _blocking = new BlockingCollection<Connection>(Items);
        for (var i = 0; i < Items; i++)
        {
            _channel.Writer.TryWrite(new Connection());
            _blocking.Add(new Connection());
        }

        // The blocking pool parks one thread per waiter; give it the threads up front so that it is measured
        // at its best, not while the thread pool slowly injects them (that starvation is the samples' subject).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Workers + 8), io);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _asyncPool.Dispose();
        _gate.Dispose();
        _blocking.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "AsyncPool")]
    public Task AsyncPoolLease() => RunWorkers(async () =>
    {
        for (var i = 0; i < CyclesPerWorker; i++)
        {
            using var lease = await _asyncPool.RentAsync(Timeout);
            lease.Value.Uses++;
        }
    });

    [Benchmark(OperationsPerInvoke = Operations, Description = "SemaphoreSlim+ConcurrentStack")]
    public Task SemaphoreStack() => RunWorkers(async () =>
    {
        for (var i = 0; i < CyclesPerWorker; i++)
        {
            if (WithTimeout)
            {
                if (!await _gate.WaitAsync(Timeout))
                {
                    throw new TimeoutException();
                }
            }
            else
            {
                await _gate.WaitAsync();
            }

            _stack.TryPop(out var connection);
            connection!.Uses++;
            _stack.Push(connection);
            _gate.Release();
        }
    });

    [Benchmark(OperationsPerInvoke = Operations, Description = "Channel<T>")]
    public Task ChannelPool() => RunWorkers(async () =>
    {
        for (var i = 0; i < CyclesPerWorker; i++)
        {
            if (!_channel.Reader.TryRead(out var connection))
            {
                if (WithTimeout)
                {
                    using var cancel = new CancellationTokenSource(Timeout);
                    connection = await _channel.Reader.ReadAsync(cancel.Token);
                }
                else
                {
                    connection = await _channel.Reader.ReadAsync();
                }
            }

            connection.Uses++;
            _channel.Writer.TryWrite(connection);
        }
    });

    [Benchmark(OperationsPerInvoke = Operations, Description = "BlockingCollection<T>")]
    public Task BlockingCollectionPool() => RunWorkers(() =>
    {
        for (var i = 0; i < CyclesPerWorker; i++)
        {
            if (!_blocking.TryTake(out var connection, Timeout))
            {
                throw new TimeoutException();
            }

            connection.Uses++;
            _blocking.Add(connection);
        }

        return Task.CompletedTask;
    });

    private static Task RunWorkers(Func<Task> worker)
    {
        var workers = new Task[Workers];
        for (var i = 0; i < Workers; i++)
        {
            workers[i] = Task.Run(worker);
        }

        return Task.WhenAll(workers);
    }
}
