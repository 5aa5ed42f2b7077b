// Shape: (negative) a custom TaskScheduler with its own threads: QueueTask enqueues on a ConcurrentQueue<Task> and releases a SemaphoreSlim(0); each thread Waits on it, dequeues a Task and runs it with TryExecuteTask; async code schedules work through a TaskFactory; nothing is handed out or returned.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindLimitedConcurrencyScheduler;

public sealed class DedicatedThreadScheduler : TaskScheduler, IDisposable
{
    private readonly ConcurrentQueue<Task> _work = new();
    private readonly SemaphoreSlim _workAvailable = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<Thread> _threads = new();

    public DedicatedThreadScheduler(int threadCount)
    {
        for (var i = 0; i < threadCount; i++)
        {
            var thread = new Thread(RunWorkItems) { IsBackground = true, Name = $"dedicated-{i}" };
            _threads.Add(thread);
            thread.Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Count;

    protected override void QueueTask(Task task)
    {
        _work.Enqueue(task);
        _workAvailable.Release();
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _work.ToArray();

    public void Dispose() => _shutdown.Cancel();

    private void RunWorkItems()
    {
        try
        {
            while (true)
            {
                _workAvailable.Wait(_shutdown.Token);
                if (_work.TryDequeue(out var task))
                    TryExecuteTask(task);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

public sealed class ModelScoringService
{
    private readonly TaskFactory _factory;

    public ModelScoringService(DedicatedThreadScheduler scheduler) =>
        _factory = new TaskFactory(CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskContinuationOptions.None, scheduler);

    public async Task<double> ScoreAsync(double[] features)
    {
        var score = await _factory.StartNew(() => Score(features));
        await Task.Yield();
        return score;
    }

    private static double Score(double[] features)
    {
        var sum = 0.0;
        foreach (var f in features)
            sum += f * 0.5;
        return sum;
    }
}
