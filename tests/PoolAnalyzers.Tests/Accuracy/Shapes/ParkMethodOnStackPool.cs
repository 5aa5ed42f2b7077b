// Shape: Stack<T> pool gated by Monitor.Wait in a while loop inside lock; items come back through Park(...) from another class's finally; async code calls the synchronous Borrow(), a synchronous caller does too.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.ParkMethodOnStackPool;

public sealed class RenderContext
{
    public Task<byte[]> RenderAsync(string template) => Task.FromResult(new byte[template.Length]);
    public byte[] Render(string template) => new byte[template.Length];
    public void Reset() { }
}

public sealed class RenderContextPool
{
    private readonly object _sync = new();
    private readonly Stack<RenderContext> _free = new();

    public RenderContextPool(int size)
    {
        for (var i = 0; i < size; i++)
            _free.Push(new RenderContext());
    }

    public RenderContext Borrow()
    {
        lock (_sync)
        {
            while (_free.Count == 0)
                {|POOL001:Monitor.Wait(_sync)|};
            return _free.Pop();
        }
    }

    public void Park(RenderContext context)
    {
        context.Reset();
        lock (_sync)
        {
            _free.Push(context);
            Monitor.Pulse(_sync);
        }
    }
}

public sealed class InvoicePdfService
{
    private readonly RenderContextPool _contexts;

    public InvoicePdfService(RenderContextPool contexts) => _contexts = contexts;

    public async Task<byte[]> RenderInvoiceAsync(int invoiceId)
    {
        var context = {|POOL003:_contexts.Borrow()|};
        try
        {
            return await context.RenderAsync($"invoice-{invoiceId}");
        }
        finally
        {
            _contexts.Park(context);
        }
    }

    // Used by the batch printer, which runs on its own thread.
    public byte[] RenderInvoice(int invoiceId)
    {
        var context = _contexts.Borrow();
        try
        {
            return context.Render($"invoice-{invoiceId}");
        }
        finally
        {
            _contexts.Park(context);
        }
    }
}
