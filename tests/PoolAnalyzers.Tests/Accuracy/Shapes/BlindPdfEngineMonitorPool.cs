// Shape: a generic BlockingPool<T> (Queue<T> + Monitor.Wait in a while loop inside lock, Release PulseAll's) wrapped by an expression-bodied private helper Engine() => _engines.Acquire(); async code calls Engine(), synchronous code calls it too.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindPdfEngineMonitorPool;

public sealed class BlockingPool<T>
{
    private readonly Queue<T> _items;
    private readonly object _monitor = new();

    public BlockingPool(IEnumerable<T> items) => _items = new Queue<T>(items);

    public T Acquire()
    {
        lock (_monitor)
        {
            while (_items.Count == 0)
                {|POOL001:Monitor.Wait(_monitor)|};
            return _items.Dequeue();
        }
    }

    public void Release(T item)
    {
        lock (_monitor)
        {
            _items.Enqueue(item);
            Monitor.PulseAll(_monitor);
        }
    }
}

public sealed class PdfEngine
{
    public byte[] Render(string html) => new byte[html.Length];
}

public sealed class InvoicePdfService
{
    private readonly BlockingPool<PdfEngine> _engines = new(new[] { new PdfEngine(), new PdfEngine() });

    public async Task<byte[]> RenderInvoiceAsync(Func<Task<string>> loadHtml)
    {
        var html = await loadHtml();
        var engine = {|POOL003:Engine()|};
        try
        {
            return engine.Render(html);
        }
        finally
        {
            Done(engine);
        }
    }

    public byte[] RenderPreview(string html)
    {
        var engine = Engine();
        try
        {
            return engine.Render(html);
        }
        finally
        {
            Done(engine);
        }
    }

    private PdfEngine Engine() => _engines.Acquire();

    private void Done(PdfEngine engine) => _engines.Release(engine);
}
