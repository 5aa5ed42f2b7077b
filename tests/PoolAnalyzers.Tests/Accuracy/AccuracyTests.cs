using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using PoolAnalyzers.Rules;
using Xunit.Abstractions;

namespace PoolAnalyzers.Tests.Accuracy;

/// <summary>
/// Precision and recall of the three rules over a corpus of realistic pool shapes (Accuracy/Shapes): each file is
/// application code with its own pool, its async callers and look-alikes that must stay quiet, and marks with
/// <c>{|POOL00N:...|}</c> exactly where a diagnostic belongs. Each file is compiled on its own against .NET 8. The test
/// prints the figures per rule and every miss and false alarm, and fails when a rule falls below its floor.
/// </summary>
public sealed class AccuracyTests(ITestOutputHelper output)
{
    /// <summary>The floors: what the rules measure on the corpus today, so that a regression fails.</summary>
    private static readonly Dictionary<string, (double Precision, double Recall)> Floors = new()
    {
        ["POOL001"] = (1.0, 1.0),
        ["POOL002"] = (1.0, 1.0),
        ["POOL003"] = (1.0, 1.0),
    };

    [Fact]
    public async Task The_rules_find_the_pools_and_blocking_checkouts_of_the_shape_corpus()
    {
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new BlockingPoolAnalyzer(), new BlockingWaitOnCheckoutAnalyzer(), new SynchronousCheckoutAnalyzer());
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Accuracy", "Shapes"), "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 30, $"the shape corpus has {files.Count} files; expected at least 30");

        var counts = Floors.Keys.ToDictionary(id => id, _ => new Counts());
        var report = new StringBuilder();
        foreach (var file in files)
        {
            var (source, expected) = Markup.Parse(await File.ReadAllTextAsync(file));
            var name = Path.GetFileName(file);
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12), path: name);
            var compilation = CSharpCompilation.Create(
                Path.GetFileNameWithoutExtension(file),
                [tree],
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"{name} does not compile:\n{string.Join("\n", errors)}");

            var actual = (await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync())
                .Select(d => new Mark(d.Id, d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))
                .ToList();
            foreach (var mark in expected.Union(actual))
            {
                var found = actual.Contains(mark);
                var wanted = expected.Contains(mark);
                var line = tree.GetLineSpan(new Microsoft.CodeAnalysis.Text.TextSpan(mark.Start, mark.Length)).StartLinePosition.Line + 1;
                var text = source.Substring(mark.Start, mark.Length);
                var count = counts[mark.Id];
                if (found && wanted)
                {
                    count.TruePositives++;
                }
                else if (found)
                {
                    count.FalsePositives++;
                    report.AppendLine(CultureInfo.InvariantCulture, $"false alarm {mark.Id} {name}:{line} '{text}'");
                }
                else
                {
                    count.Misses++;
                    report.AppendLine(CultureInfo.InvariantCulture, $"missed      {mark.Id} {name}:{line} '{text}'");
                }
            }
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{files.Count} shape files");
        table.AppendLine("| rule | expected | found | false alarms | precision | recall |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (id, count) in counts)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {id} | {count.TruePositives + count.Misses} | {count.TruePositives} | {count.FalsePositives} | {count.Precision:0.00} | {count.Recall:0.00} |");
        }

        output.WriteLine(table.ToString());
        output.WriteLine(report.ToString());
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "accuracy-report.md"), table + "\n" + report);

        foreach (var (id, (precision, recall)) in Floors)
        {
            Assert.True(
                counts[id].Precision >= precision && counts[id].Recall >= recall,
                $"{id}: precision {counts[id].Precision:0.00} (floor {precision:0.00}), recall {counts[id].Recall:0.00} (floor {recall:0.00})\n{table}\n{report}");
        }
    }

    private sealed record Mark(string Id, int Start, int Length);

    private sealed class Counts
    {
        public int TruePositives { get; set; }

        public int FalsePositives { get; set; }

        public int Misses { get; set; }

        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

        public double Recall => TruePositives + Misses == 0 ? 1 : (double)TruePositives / (TruePositives + Misses);
    }

    /// <summary>Strips <c>{|ID:text|}</c> marks (they may nest) and returns the plain source with the marked spans.</summary>
    private static class Markup
    {
        public static (string Source, List<Mark> Marks) Parse(string text)
        {
            var plain = new StringBuilder(text.Length);
            var open = new Stack<(string Id, int Start)>();
            var marks = new List<Mark>();
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '{' && i + 1 < text.Length && text[i + 1] == '|')
                {
                    var colon = text.IndexOf(':', i);
                    open.Push((text.Substring(i + 2, colon - i - 2), plain.Length));
                    i = colon;
                }
                else if (text[i] == '|' && i + 1 < text.Length && text[i + 1] == '}' && open.Count > 0)
                {
                    var (id, start) = open.Pop();
                    marks.Add(new Mark(id, start, plain.Length - start));
                    i++;
                }
                else
                {
                    plain.Append(text[i]);
                }
            }

            return (plain.ToString(), marks);
        }
    }
}
