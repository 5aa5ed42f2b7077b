// Shape: a gated session pool whose checkout is bool TryGet(out T item, TimeSpan timeout) (SemaphoreSlim.Wait(timeout) then a ConcurrentBag take, created on demand) and whose return is Put(T); async code calls TryGet inside an if condition.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindTryGetWithTimeout;

public sealed class SshSession
{
    public Task<string> RunAsync(string command) => Task.FromResult(command);
}

public sealed class SshSessionPool
{
    private readonly ConcurrentBag<SshSession> _sessions = new();
    private readonly SemaphoreSlim _available;

    public SshSessionPool(int maxSessions) => _available = new SemaphoreSlim(maxSessions, maxSessions);

    public bool TryGet(out SshSession session, TimeSpan timeout)
    {
        if (!{|POOL001:_available.Wait(timeout)|})
        {
            session = null!;
            return false;
        }

        session = _sessions.TryTake(out var idle) ? idle : new SshSession();
        return true;
    }

    public void Put(SshSession session)
    {
        _sessions.Add(session);
        _available.Release();
    }
}

public sealed class DeploymentRunner
{
    private readonly SshSessionPool _sessions;

    public DeploymentRunner(SshSessionPool sessions) => _sessions = sessions;

    public async Task<string> RestartServiceAsync(string service)
    {
        if (!{|POOL003:_sessions.TryGet(out var session, TimeSpan.FromSeconds(3))|})
            return "busy";

        try
        {
            return await session.RunAsync($"systemctl restart {service}");
        }
        finally
        {
            _sessions.Put(session);
        }
    }
}
