// Shape: (negative) a custom fixed-size thread pool whose worker threads Monitor.Wait in a while loop for Action work items and run them; nothing is handed out or returned.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.CustomScheduler;

public sealed class DedicatedThreadScheduler : IDisposable
{
    private readonly object _sync = new();
    private readonly Queue<Action> _work = new();
    private readonly Thread[] _threads;
    private bool _stopping;

    public DedicatedThreadScheduler(int threadCount)
    {
        _threads = new Thread[threadCount];
        for (var i = 0; i < threadCount; i++)
        {
            _threads[i] = new Thread(RunWorker) { IsBackground = true, Name = $"scheduler-{i}" };
            _threads[i].Start();
        }
    }

    public void Schedule(Action action)
    {
        lock (_sync)
        {
            _work.Enqueue(action);
            Monitor.Pulse(_sync);
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _stopping = true;
            Monitor.PulseAll(_sync);
        }

        foreach (var thread in _threads)
            thread.Join();
    }

    private void RunWorker()
    {
        while (true)
        {
            Action next;
            lock (_sync)
            {
                while (_work.Count == 0 && !_stopping)
                    Monitor.Wait(_sync);
                if (_work.Count == 0)
                    return;
                next = _work.Dequeue();
            }

            try
            {
                next();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Scheduled work failed: {ex}");
            }
        }
    }
}

public sealed class NightlyReports
{
    private readonly DedicatedThreadScheduler _scheduler;

    public NightlyReports(DedicatedThreadScheduler scheduler) => _scheduler = scheduler;

    public async Task QueueAllAsync(IEnumerable<string> reportNames)
    {
        foreach (var name in reportNames)
        {
            _scheduler.Schedule(() => Console.WriteLine($"Building report {name}"));
            await Task.Yield();
        }
    }
}
