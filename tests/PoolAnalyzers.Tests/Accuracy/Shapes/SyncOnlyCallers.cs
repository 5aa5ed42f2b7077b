// Shape: a BlockingCollection pool used only from synchronous code (a polling worker thread): the pool gets POOL001 at its creation, its synchronous callers get nothing; async code next to it calls only non-blocking helpers (formatting, a lock-guarded cache lookup, a Count read).
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shapes.SyncOnlyCallers;

public sealed class SerialPortHandle
{
    public void WriteLine(string command) { }

    public string ReadLine() => "0.00";
}

public sealed class SerialPortPool
{
    private readonly BlockingCollection<SerialPortHandle> _ports = {|POOL001:new BlockingCollection<SerialPortHandle>(new ConcurrentQueue<SerialPortHandle>())|};

    public SerialPortPool(int count)
    {
        for (var i = 0; i < count; i++)
            _ports.Add(new SerialPortHandle());
    }

    public SerialPortHandle Take() => _ports.Take();

    public void Return(SerialPortHandle port) => _ports.Add(port);

    public string Describe() => $"{_ports.Count} serial ports idle";
}

public sealed class ScaleReader
{
    private readonly SerialPortPool _ports;

    public ScaleReader(SerialPortPool ports) => _ports = ports;

    // Runs on the dedicated polling thread.
    public decimal ReadWeight()
    {
        var port = _ports.Take();
        try
        {
            port.WriteLine("W");
            return decimal.Parse(port.ReadLine());
        }
        finally
        {
            _ports.Return(port);
        }
    }
}

public sealed class WeightReportService
{
    private readonly object _labelsLock = new();
    private readonly Dictionary<string, string> _labels = new();
    private readonly SerialPortPool _ports;

    public WeightReportService(SerialPortPool ports) => _ports = ports;

    public async Task<string> BuildReportLineAsync(string sku, decimal weight)
    {
        var label = LookupLabel(sku);
        await Task.Delay(10);
        return FormatLine(label, weight) + " / " + _ports.Describe();
    }

    private string LookupLabel(string sku)
    {
        lock (_labelsLock)
        {
            if (!_labels.TryGetValue(sku, out var label))
                _labels[sku] = label = sku.ToUpperInvariant();
            return label;
        }
    }

    private static string FormatLine(string label, decimal weight) => $"{label,-20}{weight,10:F2} kg";
}
