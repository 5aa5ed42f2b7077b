// Shape: T[] items with a parallel bool[] _busy array; the checkout finds a free index under lock (helper with out) and Monitor.Waits in a while loop when all are busy; an async service calls the synchronous Acquire(out slot).
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BusyFlagsArray;

public sealed class PrinterConnection
{
    public Task PrintAsync(string document) => Task.CompletedTask;
}

public sealed class PrinterPool
{
    private readonly object _sync = new();
    private readonly PrinterConnection[] _printers;
    private readonly bool[] _busy;

    public PrinterPool(int count)
    {
        _printers = new PrinterConnection[count];
        _busy = new bool[count];
        for (var i = 0; i < count; i++)
            _printers[i] = new PrinterConnection();
    }

    public PrinterConnection Acquire(out int slot)
    {
        lock (_sync)
        {
            while (!TryFindFree(out slot))
                {|POOL001:Monitor.Wait(_sync)|};

            _busy[slot] = true;
            return _printers[slot];
        }
    }

    public void Release(int slot)
    {
        lock (_sync)
        {
            _busy[slot] = false;
            Monitor.Pulse(_sync);
        }
    }

    // Caller holds _sync.
    private bool TryFindFree(out int slot)
    {
        slot = Array.IndexOf(_busy, false);
        return slot >= 0;
    }
}

public sealed class LabelPrintingService
{
    private readonly PrinterPool _printers;

    public LabelPrintingService(PrinterPool printers) => _printers = printers;

    public async Task PrintShippingLabelAsync(string orderId)
    {
        var printer = {|POOL003:_printers.Acquire(out var slot)|};
        try
        {
            await printer.PrintAsync($"label:{orderId}");
        }
        finally
        {
            _printers.Release(slot);
        }
    }
}
