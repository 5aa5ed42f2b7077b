// Shape: gated pool (SemaphoreSlim.Wait + ConcurrentBag) with sessions created on demand by a Func<T> factory; items come back through Done(...) from a caller's finally; an async handler calls the synchronous Lease().
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.DoneMethodOnGatedBag;

public sealed class SmtpSession : IDisposable
{
    public Task SendAsync(string to, string body) => Task.CompletedTask;
    public void Dispose() { }
}

public sealed class SmtpSessionPool
{
    private readonly ConcurrentBag<SmtpSession> _idle = new();
    private readonly SemaphoreSlim _slots;
    private readonly Func<SmtpSession> _connect;

    public SmtpSessionPool(int maxSessions, Func<SmtpSession> connect)
    {
        _slots = new SemaphoreSlim(maxSessions, maxSessions);
        _connect = connect;
    }

    public SmtpSession Lease(TimeSpan timeout)
    {
        if (!{|POOL001:_slots.Wait(timeout)|})
            throw new TimeoutException("No SMTP session became available.");

        // Reuse an idle session or open a new one; the semaphore bounds the total.
        return _idle.TryTake(out var session) ? session : _connect();
    }

    public void Done(SmtpSession session)
    {
        _idle.Add(session);
        _slots.Release();
    }
}

public sealed class NewsletterHandler
{
    private static readonly TimeSpan LeaseTimeout = TimeSpan.FromSeconds(5);
    private readonly SmtpSessionPool _sessions;

    public NewsletterHandler(SmtpSessionPool sessions) => _sessions = sessions;

    public async Task<int> SendToAllAsync(IEnumerable<string> recipients, string body)
    {
        var sent = 0;
        foreach (var recipient in recipients)
        {
            var session = {|POOL003:_sessions.Lease(LeaseTimeout)|};
            try
            {
                await session.SendAsync(recipient, body);
                sent++;
            }
            finally
            {
                _sessions.Done(session);
            }
        }
        return sent;
    }
}
