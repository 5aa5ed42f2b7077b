// Shape: COM/Office automation instance pool exposed as a static Instance (Lazy<T>); a List<T> of idle instances and a checkout that Monitor.Waits in a do..while loop inside lock; an async report exporter calls ExcelInstancePool.Instance.Checkout().
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindOfficeAutomationPool;

public sealed class ExcelApplication
{
    public int ProcessId { get; } = Random.Shared.Next(1000, 9999);

    public void OpenWorkbook(string path) { }

    public void SaveAs(string path) { }

    public void CloseWorkbook() { }
}

public sealed class ExcelInstancePool
{
    private static readonly Lazy<ExcelInstancePool> LazyInstance = new(() => new ExcelInstancePool(Environment.ProcessorCount));

    private readonly object _gate = new();
    private readonly List<ExcelApplication> _idle = new();

    private ExcelInstancePool(int instances)
    {
        for (var i = 0; i < instances; i++)
            _idle.Add(new ExcelApplication());
    }

    public static ExcelInstancePool Instance => LazyInstance.Value;

    public ExcelApplication Checkout()
    {
        lock (_gate)
        {
            if (_idle.Count == 0)
            {
                do
                {
                    {|POOL001:Monitor.Wait(_gate)|};
                }
                while (_idle.Count == 0);
            }

            var app = _idle[_idle.Count - 1];
            _idle.RemoveAt(_idle.Count - 1);
            return app;
        }
    }

    public void Checkin(ExcelApplication app)
    {
        app.CloseWorkbook();
        lock (_gate)
        {
            _idle.Add(app);
            Monitor.Pulse(_gate);
        }
    }
}

public sealed class ReportExporter
{
    public async Task<string> ExportAsync(string templatePath, string reportName)
    {
        await Task.Yield();
        var excel = {|POOL003:ExcelInstancePool.Instance.Checkout()|};
        try
        {
            excel.OpenWorkbook(templatePath);
            var output = $"/reports/{reportName}-{excel.ProcessId}.xlsx";
            excel.SaveAs(output);
            await Task.Delay(10);
            return output;
        }
        finally
        {
            ExcelInstancePool.Instance.Checkin(excel);
        }
    }

    public string ExportNow(string templatePath, string reportName)
    {
        var excel = ExcelInstancePool.Instance.Checkout();
        try
        {
            excel.OpenWorkbook(templatePath);
            excel.SaveAs($"/reports/{reportName}.xlsx");
            return reportName;
        }
        finally
        {
            ExcelInstancePool.Instance.Checkin(excel);
        }
    }
}
