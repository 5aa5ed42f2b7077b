using System.Diagnostics;
using LegacyRedisApp;
using PoolRuntime;
using StackExchange.Redis;

// A small service under a short load: async "requests" that use the three pools. Prints its throughput and a last
// line "RESULT ok=N fail=N seconds=S" that the tests read. With "shared" as the fourth argument, the same requests run
// on the same multiplexers shared round-robin, with no pool (SharedServices.cs: POOL004's advice, applied by hand).
//   dotnet run --project samples/LegacyRedisApp -- [redis host:port] [workers] [seconds] [pooled|shared]
var endpoint = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("REDIS_URL") ?? "127.0.0.1:6379";
var workers = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500;
var seconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;

var mode = args.Length > 3 ? args[3] : "pooled";
if (mode is not ("pooled" or "shared"))
{
    Console.Error.WriteLine($"LegacyRedisApp: the fourth argument is 'pooled' or 'shared', not '{mode}'.");
    return 2;
}

var connections = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ConnectionMultiplexer.ConnectAsync(endpoint)));
Func<int, Task> request;
if (mode == "shared")
{
    var shared = new SharedServices(connections);
    request = async id =>
    {
        await shared.PingAsync();
        await shared.TouchAsync("s" + (id % 50));
        await shared.SetNameAsync(id % 100, "user" + id);
        _ = await shared.GetNameAsync(id % 100);
    };
}
else
{
    var pings = new RedisConnectionPool(connections[..4], TimeSpan.FromSeconds(1));
    var sessions = new SessionStore(connections[4..6]);
    var profiles = new ProfileCache(new AsyncPool<ConnectionMultiplexer>(connections[6..], 2));
    request = async id =>
    {
        await pings.PingAsync();
        await sessions.TouchAsync("s" + (id % 50), CancellationToken.None);
        await profiles.SetNameAsync(id % 100, "user" + id);
        _ = await profiles.GetNameAsync(id % 100);
    };
}

long ok = 0, fail = 0;
var stop = false;
for (var i = 0; i < workers; i++)
{
    var id = i;
    _ = Task.Run(async () =>
    {
        while (!Volatile.Read(ref stop))
        {
            try
            {
                await request(id);
                Interlocked.Increment(ref ok);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref fail);
            }
        }
    });
}

// The clock runs on its own thread: blocking pools starve the thread pool, timers included.
var clock = new Thread(() =>
{
    var watch = Stopwatch.StartNew();
    Thread.Sleep(TimeSpan.FromSeconds(seconds));
    Volatile.Write(ref stop, true);
    var elapsed = watch.Elapsed.TotalSeconds;
    var done = Interlocked.Read(ref ok);
    Console.WriteLine($"{workers} workers, {elapsed:0.0} s: {done:N0} requests ok, {Interlocked.Read(ref fail):N0} failed, {done / elapsed:N0} req/s");
    Console.WriteLine(FormattableString.Invariant($"RESULT ok={done} fail={Interlocked.Read(ref fail)} seconds={elapsed:0.000}"));
    Console.Out.Flush();
    Environment.Exit(0);
});
clock.Start();
clock.Join();
return 0;
