// Shape: two Queue<T> pools (priority and standard lanes) in one class sharing one lock, the lane picked by a conditional; the synchronous checkout Monitor.Waits in a while loop; async code calls it.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.TwoLaneMonitorPool;

public sealed class ScriptHost
{
    public bool IsPriority { get; init; }

    public Task<string> RunAsync(string script) => Task.FromResult(script);
}

public sealed class ScriptHostPool
{
    private readonly object _sync = new();
    private readonly Queue<ScriptHost> _priorityLane = new();
    private readonly Queue<ScriptHost> _standardLane = new();

    public ScriptHostPool(int priorityHosts, int standardHosts)
    {
        for (var i = 0; i < priorityHosts; i++)
            _priorityLane.Enqueue(new ScriptHost { IsPriority = true });
        for (var i = 0; i < standardHosts; i++)
            _standardLane.Enqueue(new ScriptHost());
    }

    public ScriptHost Acquire(bool priority)
    {
        lock (_sync)
        {
            var lane = priority ? _priorityLane : _standardLane;
            while (lane.Count == 0)
                {|POOL001:Monitor.Wait(_sync)|};
            return lane.Dequeue();
        }
    }

    public void Release(ScriptHost host)
    {
        lock (_sync)
        {
            (host.IsPriority ? _priorityLane : _standardLane).Enqueue(host);
            Monitor.PulseAll(_sync);
        }
    }
}

public sealed class ScriptRunner
{
    private readonly ScriptHostPool _pool;

    public ScriptRunner(ScriptHostPool pool) => _pool = pool;

    public async Task<string> RunAsync(string script, bool isPaidCustomer)
    {
        var host = {|POOL003:_pool.Acquire(isPaidCustomer)|};
        try
        {
            return await host.RunAsync(script);
        }
        finally
        {
            _pool.Release(host);
        }
    }
}
