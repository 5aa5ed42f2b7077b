// Shape: a worker pool keeping idle workers in a T[] used as a stack (count index) under lock, gated by SemaphoreSlim.Wait(token); Grab()/Put(); an async local function inside the page renderer calls Grab(token).
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindRenderWorkerArray;

public sealed class RenderWorker
{
    public Task<string> RenderAsync(int page) => Task.FromResult($"<page {page}>");
}

public sealed class RenderWorkerPool
{
    private readonly RenderWorker?[] _idle;
    private readonly SemaphoreSlim _ready;
    private readonly object _stackLock = new();
    private int _count;

    public RenderWorkerPool(int workers)
    {
        _idle = new RenderWorker?[workers];
        for (var i = 0; i < workers; i++)
            _idle[i] = new RenderWorker();
        _count = workers;
        _ready = new SemaphoreSlim(workers, workers);
    }

    public RenderWorker Grab(CancellationToken cancellationToken)
    {
        {|POOL001:_ready.Wait(cancellationToken)|};
        lock (_stackLock)
        {
            var worker = _idle[--_count]!;
            _idle[_count] = null;
            return worker;
        }
    }

    public void Put(RenderWorker worker)
    {
        lock (_stackLock)
        {
            _idle[_count++] = worker;
        }

        _ready.Release();
    }
}

public sealed class BookRenderer
{
    private readonly RenderWorkerPool _workers;

    public BookRenderer(RenderWorkerPool workers) => _workers = workers;

    public async Task<string> RenderBookAsync(int pages, CancellationToken cancellationToken)
    {
        async Task<string> RenderPage(int page)
        {
            var worker = {|POOL003:_workers.Grab(cancellationToken)|};
            try
            {
                return await worker.RenderAsync(page);
            }
            finally
            {
                _workers.Put(worker);
            }
        }

        var rendered = await Task.WhenAll(Enumerable.Range(1, pages).Select(RenderPage));
        return string.Join(Environment.NewLine, rendered);
    }
}
