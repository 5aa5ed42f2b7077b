using System.Collections.Concurrent;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;

namespace PoolRuntime.Benchmarks;

/// <summary>
/// 64 concurrent callers (thread-pool work items on this machine's cores) sharing 4 items; each benchmark runs 64
/// workers x 200 rent/return cycles and reports per cycle. Two ways of holding the item:
/// <list type="bullet">
/// <item><c>Yield</c>: across one <c>await Task.Yield()</c>, standing in for I/O, so that most rents really wait: this
/// measures queueing, hand-off and wake-up. Every pool pays the same trip through the thread pool for the Yield.</item>
/// <item><c>None</c>: no await while holding, so with 4 items for 2 cores a rent seldom waits: this measures the rent and
/// return paths under contention from the other core.</item>
/// </list>
/// With a 30 s timeout (how pools are used) and without (each alternative's cheapest form).
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

    [Params(HoldMode.Yield, HoldMode.None)]
    public HoldMode Hold { get; set; }

    public enum HoldMode
    {
        Yield,
        None,
    }

    private TimeSpan Timeout => WithTimeout ? TimeSpan.FromSeconds(30) : System.Threading.Timeout.InfiniteTimeSpan;

    [GlobalSetup]
    public void Setup()
    {
        _asyncPool = new AsyncPool<Connection>(Enumerable.Range(0, Items).Select(_ => new Connection()));
        _gate = new SemaphoreSlim(Items, Items);
        _stack = new ConcurrentStack<Connection>(Enumerable.Range(0, Items).Select(_ => new Connection()));
        _channel = Channel.CreateUnbounded<Connection>();
#pragma warning disable POOL001 // the blocking pool is the baseline under measurement
        _blocking = new BlockingCollection<Connection>(Items);
#pragma warning restore POOL001
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
            if (Hold == HoldMode.Yield)
            {
                await Task.Yield();
            }
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
            if (Hold == HoldMode.Yield)
            {
                await Task.Yield();
            }

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
            if (Hold == HoldMode.Yield)
            {
                await Task.Yield();
            }

            _channel.Writer.TryWrite(connection);
        }
    });

    [Benchmark(OperationsPerInvoke = Operations, Description = "BlockingCollection<T>")]
    public Task BlockingCollectionPool() => RunWorkers(async () =>
    {
        for (var i = 0; i < CyclesPerWorker; i++)
        {
#pragma warning disable POOL003 // the blocking checkout is what this row measures
            if (!_blocking.TryTake(out var connection, Timeout))
#pragma warning restore POOL003
            {
                throw new TimeoutException();
            }

            connection.Uses++;
            if (Hold == HoldMode.Yield)
            {
                await Task.Yield();
            }

            _blocking.Add(connection);
        }
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
