// Shape: List<T> pool whose checkout waits on an AutoResetEvent (WaitOne) until a returned device signals; an async controller calls the synchronous Get().
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.ListPoolAutoResetEvent;

public sealed class ScannerDevice
{
    public ScannerDevice(int id) => Id = id;

    public int Id { get; }

    public Task<byte[]> ScanAsync(int dpi) => Task.FromResult(new byte[dpi]);
}

public sealed class ScannerPool
{
    private readonly object _sync = new();
    private readonly List<ScannerDevice> _free = new();
    private readonly AutoResetEvent _returned = new(false);

    public ScannerPool(int devices)
    {
        for (var i = 0; i < devices; i++)
            _free.Add(new ScannerDevice(i));
    }

    public ScannerDevice Get()
    {
        while (true)
        {
            lock (_sync)
            {
                if (_free.Count > 0)
                {
                    var device = _free[_free.Count - 1];
                    _free.RemoveAt(_free.Count - 1);
                    return device;
                }
            }

            // Nothing free: sleep until Return() signals.
            {|POOL001:_returned.WaitOne()|};
        }
    }

    public void Return(ScannerDevice device)
    {
        lock (_sync)
            _free.Add(device);
        _returned.Set();
    }
}

public sealed class ScanController
{
    private readonly ScannerPool _scanners;

    public ScanController(ScannerPool scanners) => _scanners = scanners;

    public async Task<int> ScanDocumentAsync(int dpi)
    {
        var scanner = {|POOL003:_scanners.Get()|};
        try
        {
            var image = await scanner.ScanAsync(dpi);
            return image.Length;
        }
        finally
        {
            _scanners.Return(scanner);
        }
    }
}
