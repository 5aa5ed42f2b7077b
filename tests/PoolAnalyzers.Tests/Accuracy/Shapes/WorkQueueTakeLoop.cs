// Shape: (negative) a work queue consumed with Take(token) in a loop on synchronous worker threads; requests go in through Enqueue and are never put back.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Shapes.WorkQueueTakeLoop;

public sealed record ResizeRequest(string Path, int Width);

public sealed class ResizeQueue : IDisposable
{
    private readonly BlockingCollection<ResizeRequest> _pending = new BlockingCollection<ResizeRequest>();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _workers = new();

    public ResizeQueue(int workerCount)
    {
        for (var i = 0; i < workerCount; i++)
        {
            var worker = new Thread(Work) { IsBackground = true, Name = $"resize-{i}" };
            _workers.Add(worker);
            worker.Start();
        }
    }

    public void Enqueue(ResizeRequest request) => _pending.Add(request);

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var worker in _workers)
            worker.Join();
        _stop.Dispose();
    }

    private void Work()
    {
        while (!_stop.IsCancellationRequested)
        {
            ResizeRequest request;
            try
            {
                request = _pending.Take(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Resize(request);
        }
    }

    private static void Resize(ResizeRequest request) =>
        Console.WriteLine($"Resizing {request.Path} to {request.Width}px");
}

public sealed class UploadController
{
    private readonly ResizeQueue _queue;

    public UploadController(ResizeQueue queue) => _queue = queue;

    public void OnUploaded(string path)
    {
        _queue.Enqueue(new ResizeRequest(path, 256));
        _queue.Enqueue(new ResizeRequest(path, 1024));
    }
}
