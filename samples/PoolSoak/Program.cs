using PoolBenchmark;
using PoolSoak;

// A long soak of AsyncPool against a real redis-server, with injected factory faults and server outages.
// Not part of CI (Samples.Tests runs a short version); see the README's reliability section.
SoakOptions options;
try
{
    options = SoakOptions.Parse(args);
}
catch (HelpRequestedException)
{
    Console.WriteLine(SoakOptions.Usage);
    return 0;
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(SoakOptions.Usage);
    return 2;
}

RestartableRedis? server = null;
try
{
    var endpoint = options.Redis;
    Func<TimeSpan, Task>? causeOutage = null;
    if (endpoint is null)
    {
        server = RestartableRedis.TryStart();
        if (server is null)
        {
            Console.Error.WriteLine(RedisServer.MissingMessage);
            return 3;
        }

        endpoint = server.Endpoint;
        Console.WriteLine($"Started redis-server {server.Version()} on {endpoint}; it stops when the soak ends.");
        causeOutage = async length =>
        {
            Console.WriteLine($"Killing redis-server for {length.TotalSeconds:0.#} s.");
            await server.OutageAsync(length);
            Console.WriteLine("Restarted redis-server.");
        };
    }
    else if (options.OutageEvery > TimeSpan.Zero)
    {
        Console.WriteLine($"Using Redis at {endpoint}; outages are off because the soak did not start this server.");
    }

    Console.WriteLine($"Soaking for {options.Duration}: {options.Workers} callers, pool of {options.PoolSize}, factory failure rate {options.FailureRate:P1}, hang rate {options.HangRate:P1}.");
    var result = await SoakRun.RunAsync(options, endpoint, causeOutage, Console.Out);
    Console.WriteLine();
    Console.Write(result.Summary());
    return result.Passed ? 0 : 1;
}
finally
{
    server?.Dispose();
}
