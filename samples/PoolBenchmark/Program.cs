using PoolBenchmark;

// The published benchmark (5000 workers PINGing Redis through a blocking pool, redis-py under gevent) ported to .NET.
// Each configuration runs in a child process; see ParentRun and ChildRun.
if (args is [CpuLoad.BurnMode, ..])
{
    return CpuLoad.Burn(args);
}

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
        try
        {
            server = RedisServer.TryStart();
        }
        catch (InvalidOperationException error)
        {
            Console.Error.WriteLine($"PoolBenchmark: could not start redis-server: {error.Message} Start one yourself and pass --redis host:port.");
            return 3;
        }

        if (server is null)
        {
            Console.Error.WriteLine(RedisServer.MissingMessage);
            return 3;
        }

        redis = server.Endpoint;
        Console.WriteLine($"Started redis-server {server.Version()} on {redis} (persistence off); it stops when the benchmark ends.");
    }
    else if (options.Client == BenchmarkOptions.SocketClient && SocketConnection.EndPointOf(redis, out var unsupported) is null)
    {
        Console.Error.WriteLine($"PoolBenchmark: --client socket cannot use the Redis at {redis}: {unsupported}. Point --redis at a Redis without a password or TLS, or leave out --client socket.");
        return 2;
    }
    else if (await RedisCheck.WhyUnreachableAsync(redis) is { } reason)
    {
        Console.Error.WriteLine($"PoolBenchmark: cannot reach Redis at {redis}: {reason}. Start a redis-server there, or leave out --redis (and REDIS_URL) to let the benchmark start one.");
        return 4;
    }
    else
    {
        Console.WriteLine($"Using Redis at {redis}.");
    }

    var started = DateTime.UtcNow;
    Console.WriteLine($"{options.Workers} workers, {options.ClientDescription}; pools {string.Join(", ", options.Pools)}; sizes {string.Join(", ", options.Sizes)}; wait timeout {options.Timeout.TotalSeconds:0.###} s; {options.Duration.TotalSeconds:0.###} s per configuration, each in its own process{(options.Load > 0 ? $"; {options.Load} CPU-burning process{(options.Load == 1 ? "" : "es")} beside each" : string.Empty)}.");
    var results = await ParentRun.RunAllAsync(options, redis);

    Console.WriteLine();
    Console.WriteLine(Report.Table(results, options));
    Report.Write(results, options, Report.Machine(server?.Version() ?? "external"), started);
    Console.WriteLine($"Results written to {Path.GetFullPath(options.Output)}: results.md, results.json, chart.svg, chart.png");
    var crashed = results.Where(r => r.Crashed).ToList();
    if (crashed.Count > 0)
    {
        Console.Error.WriteLine($"PoolBenchmark: {crashed.Count} configuration{(crashed.Count == 1 ? "" : "s")} crashed (see 'crashed' in the table); the first: {crashed[0].Pool}, {crashed[0].Size} connections: {crashed[0].Error}");
        return 5;
    }

    return 0;
}
finally
{
    server?.Dispose();
}
