// Shape: Queue<T> pool that grows lazily up to a capacity, then waits with Monitor.Wait in a do..while loop inside lock; an async lambda message handler calls the synchronous Take().
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.QueueUnderMonitorDoWhile;

public sealed class CsvParser
{
    public Task<string[]> ParseAsync(string line) => Task.FromResult(line.Split(','));
}

public sealed class CsvParserPool
{
    private readonly object _gate = new();
    private readonly Queue<CsvParser> _available = new();
    private readonly int _capacity;
    private int _created;

    public CsvParserPool(int capacity) => _capacity = capacity;

    public CsvParser Take()
    {
        lock (_gate)
        {
            if (_available.Count == 0 && _created < _capacity)
            {
                _created++;
                return new CsvParser();
            }

            if (_available.Count == 0)
            {
                do
                {
                    {|POOL001:Monitor.Wait(_gate)|};
                }
                while (_available.Count == 0);
            }

            return _available.Dequeue();
        }
    }

    public void Recycle(CsvParser parser)
    {
        lock (_gate)
        {
            _available.Enqueue(parser);
            Monitor.Pulse(_gate);
        }
    }
}

public sealed class CsvImportHandler
{
    private readonly CsvParserPool _parsers;

    public CsvImportHandler(CsvParserPool parsers) => _parsers = parsers;

    public Func<string, Task<int>> CreateHandler() => async payload =>
    {
        var parser = {|POOL003:_parsers.Take()|};
        try
        {
            var fields = await parser.ParseAsync(payload);
            return fields.Length;
        }
        finally
        {
            _parsers.Recycle(parser);
        }
    };
}
