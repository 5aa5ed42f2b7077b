using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// LightBulb SOURCE_DIR POOLRUNTIME_DLL LABEL=ANALYZER_DIR [LABEL=ANALYZER_DIR ...] [--repeat N]
// Each ANALYZER_DIR holds PoolAnalyzers.dll and PoolAnalyzers.CodeFixes.dll.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: LightBulb SOURCE_DIR POOLRUNTIME_DLL LABEL=ANALYZER_DIR [LABEL=ANALYZER_DIR ...] [--repeat N]");
    return 2;
}

string[] assemblyNames = ["PoolAnalyzers.dll", "PoolAnalyzers.CodeFixes.dll"];
var sourceDirectory = args[0];
var poolRuntime = args[1];
var repeat = 5;
var builds = new List<(string Label, string Directory)>();
for (var i = 2; i < args.Length; i++)
{
    if (args[i] == "--repeat" && i + 1 < args.Length && int.TryParse(args[++i], CultureInfo.InvariantCulture, out var n) && n > 0)
    {
        repeat = n;
    }
    else if (args[i].Split('=', 2) is [var label, var directory] && File.Exists(Path.Combine(directory, "PoolAnalyzers.dll")))
    {
        builds.Add((label, directory));
    }
    else
    {
        Console.Error.WriteLine($"LightBulb: '{args[i]}' is not LABEL=DIR with PoolAnalyzers.dll in DIR, nor --repeat N");
        return 2;
    }
}

var files = Directory.GetFiles(sourceDirectory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToList();
var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
    .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
    .Append(poolRuntime)
    .Select(path => MetadataReference.CreateFromFile(path))
    .ToList();
Console.WriteLine($"{files.Count} files, {repeat} light bulbs per fix (each after an edit elsewhere, so on a new compilation)");
Console.WriteLine();
Console.WriteLine("| build | rule | fix | diagnostics | light bulb, median ms (min-max) |");
Console.WriteLine("|---|---|---|---:|---:|");

foreach (var (label, directory) in builds)
{
    var context = new AssemblyLoadContext(label);
    var assemblies = assemblyNames.Select(name => context.LoadFromAssemblyPath(Path.GetFullPath(Path.Combine(directory, name)))).ToList();
    var analyzers = assemblies.SelectMany(a => a.GetTypes()).Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
    var fixers = assemblies.SelectMany(a => a.GetTypes()).Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!).ToList();

    var (solution, documentIds) = Load(files, references);
    var compilation = (await solution.Projects.Single().GetCompilationAsync())!;
    _ = compilation.GetDiagnostics(); // bind everything first, as a build has before analyzers run
    var analysis = Stopwatch.StartNew();
    var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    analysis.Stop();
    var telemetry = string.Join(", ", analyzers.Select(a => (a.GetType().Name, withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).Result.ExecutionTime))
        .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name} {t.ExecutionTime.TotalSeconds:0.000} s")));
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: analysis {analysis.Elapsed.TotalSeconds:0.00} s in one thread ({telemetry}); {diagnostics.Length} diagnostics"));

    // One diagnostic of each rule and fix kind, from the middle of the project.
    var samples = diagnostics.Where(d => d.Properties.ContainsKey("PoolFix"))
        .GroupBy(d => (d.Id, Kind: d.Properties["PoolFix"]))
        .OrderBy(g => g.Key.Id, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal);
    foreach (var group in samples)
    {
        var diagnostic = group.ElementAt(group.Count() / 2);
        var fixer = fixers.First(f => f.FixableDiagnosticIds.Contains(diagnostic.Id));
        var times = new List<double>();
        for (var round = 0; round < repeat; round++)
        {
            // An edit in another file: the light bulb then works on a compilation no analyzer has seen.
            var edited = Edit(solution, documentIds[round % documentIds.Count], round);
            var document = edited.GetDocument(solution.GetDocumentId(diagnostic.Location.SourceTree))!;
            var stopwatch = Stopwatch.StartNew();
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            foreach (var action in actions)
            {
                await action.GetOperationsAsync(CancellationToken.None);
            }

            stopwatch.Stop();
            if (actions.Count == 0)
            {
                Console.Error.WriteLine($"LightBulb: {label} {diagnostic.Id} offered no fix at {diagnostic.Location.GetLineSpan()}");
            }

            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {group.Key.Id} | {group.Key.Kind} | {group.Count()} | {times[times.Count / 2]:0.0} ({times[0]:0.0}-{times[^1]:0.0}) |"));
    }
}

return 0;

static (Solution Solution, List<DocumentId> Documents) Load(List<string> files, List<PortableExecutableReference> references)
{
    var workspace = new AdhocWorkspace();
    var project = workspace.AddProject(ProjectInfo.Create(
        ProjectId.CreateNewId(), VersionStamp.Create(), "Generated", "Generated", LanguageNames.CSharp,
        compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable),
        parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
        metadataReferences: references));
    var solution = project.Solution;
    var ids = new List<DocumentId>();
    foreach (var file in files)
    {
        var id = DocumentId.CreateNewId(project.Id);
        solution = solution.AddDocument(DocumentInfo.Create(id, Path.GetFileName(file), loader: TextLoader.From(TextAndVersion.Create(SourceText.From(File.ReadAllText(file)), VersionStamp.Create(), file)), filePath: file));
        ids.Add(id);
    }

    return (solution, ids);
}

static Solution Edit(Solution solution, DocumentId id, int round)
{
    var text = solution.GetDocument(id)!.GetTextAsync().Result;
    return solution.WithDocumentText(id, text.WithChanges(new TextChange(new TextSpan(text.Length, 0), $"\n// edit {round}\n")));
}
