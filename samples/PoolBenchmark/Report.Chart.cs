using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace PoolBenchmark;

/// <summary>The chart: success throughput per pool (the median round), grouped by size, on a log scale, drawn by ScottPlot.</summary>
public static partial class Report
{
    private const int ChartWidth = 960;
    private const int ChartHeight = 440;

    /// <summary>Writes chart.svg (for the Markdown report) and chart.png (for places that show no SVG).</summary>
    private static void WriteChart(IReadOnlyList<ConfigResult> results, BenchmarkOptions options)
    {
        var plot = Chart(results, options);
        plot.SaveSvg(Path.Combine(options.Output, "chart.svg"), ChartWidth, ChartHeight);
        plot.SavePng(Path.Combine(options.Output, "chart.png"), ChartWidth, ChartHeight);
    }

    /// <summary>
    /// One group of bars per size, one bar per pool in the order the run listed them. The bars stand on log10 of the
    /// throughput (a starved pool's 0 sits on the axis, labelled so), and the axis is labelled in requests per second.
    /// </summary>
    public static Plot Chart(IReadOnlyList<ConfigResult> results, BenchmarkOptions options)
    {
        var rows = Summarize(results);
        var decades = (int)Math.Ceiling(Math.Log10(Math.Max(10, rows.Max(r => r.Throughput))));
        var plot = new Plot();
        plot.Title($"Success throughput (req/s, log scale), {options.Workers} workers, {options.Timeout.TotalSeconds:0.###} s wait timeout");

        // Groups one unit apart, the bars of a group filling 80% of it.
        var barWidth = 0.8 / options.Pools.Count;
        var bars = new List<Bar>();
        var sizeTicks = new NumericManual();
        for (var g = 0; g < options.Sizes.Count; g++)
        {
            var size = options.Sizes[g];
            sizeTicks.AddMajor(g, $"{size} connection{(size == 1 ? "" : "s")}");
            for (var p = 0; p < options.Pools.Count; p++)
            {
                if (rows.FirstOrDefault(r => r.Size == size && r.Pool == options.Pools[p]) is not { } row)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = g - 0.4 + ((p + 0.5) * barWidth),
                    Size = barWidth * 0.9,
                    Value = row.Throughput < 1 ? 0 : Math.Log10(row.Throughput),
                    FillColor = Color.FromHex(Colors[row.Pool]),
                    Label = row.Starved && row.Throughput < 1 ? "0 starved" : row.Throughput.ToString("N0", CultureInfo.InvariantCulture),
                });
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 10;

        var throughputTicks = new NumericManual();
        for (var d = 0; d <= decades; d++)
        {
            throughputTicks.AddMajor(d, Math.Pow(10, d).ToString("N0", CultureInfo.InvariantCulture));
        }

        plot.Axes.Left.TickGenerator = throughputTicks;
        plot.Axes.Bottom.TickGenerator = sizeTicks;
        plot.Axes.SetLimits(-0.5, options.Sizes.Count - 0.5, 0, decades + 0.3);

        foreach (var pool in options.Pools)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = pool, FillColor = Color.FromHex(Colors[pool]) });
        }

        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
