// Shape: (negative) a logging queue: Log() enqueues entries on a ConcurrentQueue and releases a SemaphoreSlim(0) counter; a background thread Waits on the counter and dequeues entries to write them; entries are consumed, never handed out or returned; async code calls Log().
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindBackgroundLogWriter;

public readonly record struct LogEntry(DateTime Timestamp, string Level, string Message);

public sealed class BackgroundLogWriter : IDisposable
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly SemaphoreSlim _pending = new(0);
    private readonly TextWriter _output;
    private readonly Thread _writerThread;
    private volatile bool _stopping;

    public BackgroundLogWriter(TextWriter output)
    {
        _output = output;
        _writerThread = new Thread(WriteLoop) { IsBackground = true, Name = "log-writer" };
        _writerThread.Start();
    }

    public void Log(string level, string message)
    {
        _entries.Enqueue(new LogEntry(DateTime.UtcNow, level, message));
        _pending.Release();
    }

    public void Dispose()
    {
        _stopping = true;
        _pending.Release();
        _writerThread.Join();
        _output.Flush();
    }

    private void WriteLoop()
    {
        while (true)
        {
            _pending.Wait();
            if (_entries.TryDequeue(out var entry))
                _output.WriteLine($"{entry.Timestamp:O} [{entry.Level}] {entry.Message}");
            else if (_stopping)
                return;
        }
    }
}

public sealed class CheckoutWorkflow
{
    private readonly BackgroundLogWriter _log;

    public CheckoutWorkflow(BackgroundLogWriter log) => _log = log;

    public async Task<bool> PlaceOrderAsync(string orderId)
    {
        _log.Log("INFO", $"Placing order {orderId}");
        await Task.Delay(5);
        _log.Log("INFO", $"Order {orderId} placed");
        return true;
    }
}
