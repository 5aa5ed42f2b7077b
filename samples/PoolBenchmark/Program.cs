using PoolBenchmark;

// The published benchmark (5000 workers PINGing Redis through a blocking pool, redis-py under gevent) ported to .NET.
// Each configuration runs in a child process; see ParentRun and ChildRun.
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (HelpRequestedException)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

if (options.ChildPool is not null)
{
    return await ChildRun.RunAsync(options);
}

if (options.From is not null)
{
    return SavedRun.ReportAgain(options);
}

RedisServer? server = null;
try
{
    var redis = options.Redis;
    if (redis is null)
    {
        server = RedisServer.TryStart();
        if (server is null)
        {
            Console.Error.WriteLine(RedisServer.MissingMessage);
            return 3;
        }

        redis = server.Endpoint;
        Console.WriteLine($"Started redis-server {server.Version()} on {redis} (persistence off); it stops when the benchmark ends.");
    }
    else
    {
        Console.WriteLine($"Using Redis at {redis}.");
    }

    var started = DateTime.UtcNow;
    Console.WriteLine($"{options.Workers} workers; pools {string.Join(", ", options.Pools)}; sizes {string.Join(", ", options.Sizes)}; wait timeout {options.Timeout.TotalSeconds:0.###} s; {options.Duration.TotalSeconds:0.###} s per configuration, each in its own process.");
    var results = await ParentRun.RunAllAsync(options, redis);

    Console.WriteLine();
    Console.WriteLine(Report.Table(results, options));
    Report.Write(results, options, Report.Machine(server?.Version() ?? "external"), started);
    Console.WriteLine($"Results written to {Path.GetFullPath(options.Output)}: results.md, results.json, chart.svg");
    return 0;
}
finally
{
    server?.Dispose();
}
