// Shape: SMTP connection pool over a Queue<T> that opens connections lazily up to a maximum and then Monitor.Waits in a while loop inside lock (Release PulseAll's); an async notification sender calls Acquire(); the same Acquire() offloaded in a synchronous Task.Run lambda is not reported.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindSmtpConnectionPool;

public sealed class SmtpConnection
{
    public SmtpConnection(string host) => Host = host;

    public string Host { get; }

    public Task SendAsync(string from, string to, string body) => Task.CompletedTask;
}

public sealed class SmtpConnectionPool
{
    private readonly object _sync = new();
    private readonly Queue<SmtpConnection> _idle = new();
    private readonly string _host;
    private readonly int _maxConnections;
    private int _opened;

    public SmtpConnectionPool(string host, int maxConnections)
    {
        _host = host;
        _maxConnections = maxConnections;
    }

    public SmtpConnection Acquire()
    {
        lock (_sync)
        {
            while (_idle.Count == 0)
            {
                if (_opened < _maxConnections)
                {
                    _opened++;
                    return new SmtpConnection(_host);
                }

                {|POOL001:Monitor.Wait(_sync)|};
            }

            return _idle.Dequeue();
        }
    }

    public void Release(SmtpConnection connection)
    {
        lock (_sync)
        {
            _idle.Enqueue(connection);
            Monitor.PulseAll(_sync);
        }
    }
}

public sealed class NotificationSender
{
    private readonly SmtpConnectionPool _pool;

    public NotificationSender(SmtpConnectionPool pool) => _pool = pool;

    public async Task NotifyAsync(string to, string message)
    {
        var connection = {|POOL003:_pool.Acquire()|};
        try
        {
            await connection.SendAsync("noreply@example.org", to, message);
        }
        finally
        {
            _pool.Release(connection);
        }
    }

    public async Task NotifyOffloadedAsync(string to, string message)
    {
        var connection = await Task.Run(() => _pool.Acquire());
        try
        {
            await connection.SendAsync("noreply@example.org", to, message);
        }
        finally
        {
            _pool.Release(connection);
        }
    }
}
