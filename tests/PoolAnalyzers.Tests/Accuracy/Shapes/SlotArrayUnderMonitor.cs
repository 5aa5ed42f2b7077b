// Shape: fixed T[] slot array (null = lent out); the checkout searches the free slots under a lock and Monitor.Waits in a while (true) loop when none is free; an async poller calls the synchronous Rent().
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.SlotArrayUnderMonitor;

public sealed class ModbusLink
{
    public Task<ushort[]> ReadRegistersAsync(int start, int count) => Task.FromResult(new ushort[count]);
}

public sealed class ModbusLinkPool
{
    private readonly object _sync = new();
    private readonly ModbusLink?[] _slots;

    public ModbusLinkPool(int size)
    {
        _slots = new ModbusLink?[size];
        for (var i = 0; i < size; i++)
            _slots[i] = new ModbusLink();
    }

    public ModbusLink Rent()
    {
        lock (_sync)
        {
            while (true)
            {
                for (var i = 0; i < _slots.Length; i++)
                {
                    var link = _slots[i];
                    if (link is not null)
                    {
                        _slots[i] = null;
                        return link;
                    }
                }

                {|POOL001:Monitor.Wait(_sync)|};
            }
        }
    }

    public void Return(ModbusLink link)
    {
        lock (_sync)
        {
            var index = Array.IndexOf(_slots, null);
            _slots[index] = link;
            Monitor.Pulse(_sync);
        }
    }
}

public sealed class TelemetryPoller
{
    private readonly ModbusLinkPool _links;

    public TelemetryPoller(ModbusLinkPool links) => _links = links;

    public async Task<double> ReadTemperatureAsync()
    {
        var link = {|POOL003:_links.Rent()|};
        try
        {
            var registers = await link.ReadRegistersAsync(100, 2);
            return registers[0] / 10.0;
        }
        finally
        {
            _links.Return(link);
        }
    }
}
