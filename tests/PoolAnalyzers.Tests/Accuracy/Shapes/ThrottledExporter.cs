// Shape: (negative) a SemaphoreSlim(10) throttle that limits concurrent synchronous exports; it guards no pooled items.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.ThrottledExporter;

public sealed class CsvExporter
{
    // At most ten exports hit the reporting database at once.
    private readonly SemaphoreSlim _throttle = new SemaphoreSlim(10);
    private int _exportsRun;

    public int ExportsRun => Volatile.Read(ref _exportsRun);

    public int Export(string table, Action<string> writeLine)
    {
        _throttle.Wait();
        try
        {
            var rows = LoadRows(table);
            writeLine(string.Join(",", rows.First().Keys));
            foreach (var row in rows)
                writeLine(string.Join(",", row.Values));
            Interlocked.Increment(ref _exportsRun);
            return rows.Count;
        }
        finally
        {
            _throttle.Release();
        }
    }

    private static List<Dictionary<string, string>> LoadRows(string table) =>
        Enumerable.Range(1, 3)
            .Select(i => new Dictionary<string, string> { ["id"] = i.ToString(), ["table"] = table })
            .ToList();
}

public sealed class NightlyExportJob
{
    private readonly CsvExporter _exporter;

    public NightlyExportJob(CsvExporter exporter) => _exporter = exporter;

    public void Run(IEnumerable<string> tables)
    {
        Parallel.ForEach(tables, table =>
        {
            var lines = new List<string>();
            var count = _exporter.Export(table, lines.Add);
            Console.WriteLine($"{table}: {count} rows, {lines.Count} lines");
        });
    }
}
