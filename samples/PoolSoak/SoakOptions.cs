using System.Globalization;
using PoolBenchmark;

namespace PoolSoak;

/// <summary>The soak's command line. A bad value is refused with a message that says what to pass instead.</summary>
public sealed class SoakOptions
{
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);

    public int Workers { get; set; } = 1000;

    public int PoolSize { get; set; } = 16;

    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan CreateTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the soak kills redis-server and restarts it; zero turns outages off.</summary>
    public TimeSpan OutageEvery { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan OutageLength { get; set; } = TimeSpan.FromSeconds(3);

    public double FailureRate { get; set; } = 0.02;

    public double HangRate { get; set; } = 0.01;

    public TimeSpan ReportEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Leaves out what makes a rent read the clock (Validate, MaxLifetime, leak detection), so that rents of idle
    /// connections take the pool's lock-free fast path; a soak run both ways covers both paths.
    /// </summary>
    public bool FastPath { get; set; }

    public string? Redis { get; set; } = Environment.GetEnvironmentVariable("REDIS_URL");

    public static string Usage => """
        Usage: dotnet run -c Release --project samples/PoolSoak -- [options]

          --duration T        how long to run: seconds, or with a unit (90s, 5m, 1h); default 5m
          --workers N         concurrent async callers (default 1000)
          --size N            pool MaxSize (default 16)
          --outage-every T    kill redis-server and restart it this often (default 60s; 0 turns it off).
                              Needs a server the soak starts itself, so it is off with --redis.
          --outage-length T   how long each outage lasts (default 3s)
          --failure-rate R    share of connection attempts that throw (0 to 1, default 0.02)
          --hang-rate R       share that hang past the create timeout, ignoring their token (default 0.01)
          --report T          progress line interval (default 5s)
          --fast-path         no Validate, MaxLifetime or leak detection, so idle rents take the pool's
                              lock-free fast path (broken connections are discarded when a PING fails)
          --redis HOST:PORT   use this Redis (default: REDIS_URL, else a redis-server started from PATH)

        Exits 0 when every invariant held, 1 when one broke (each broken one is printed), 2 on a bad option,
        3 when there is no redis-server.
        """;

    public static SoakOptions Parse(string[] args)
    {
        var options = new SoakOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--duration":
                    options.Duration = Time(name, Value(), allowZero: false);
                    break;
                case "--workers":
                    options.Workers = BenchmarkOptions.PositiveInt(name, Value());
                    break;
                case "--size":
                    options.PoolSize = BenchmarkOptions.PositiveInt(name, Value());
                    break;
                case "--outage-every":
                    options.OutageEvery = Time(name, Value(), allowZero: true);
                    break;
                case "--outage-length":
                    options.OutageLength = Time(name, Value(), allowZero: false);
                    break;
                case "--failure-rate":
                    options.FailureRate = Rate(name, Value());
                    break;
                case "--hang-rate":
                    options.HangRate = Rate(name, Value());
                    break;
                case "--report":
                    options.ReportEvery = Time(name, Value(), allowZero: false);
                    break;
                case "--fast-path":
                    options.FastPath = true;
                    break;
                case "--redis":
                    options.Redis = Value();
                    break;
                case "-h" or "--help":
                    throw new HelpRequestedException();
                default:
                    throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (options.FailureRate + options.HangRate > 1)
        {
            throw new ArgumentException($"--failure-rate plus --hang-rate must be at most 1; got {options.FailureRate + options.HangRate:0.###}.");
        }

        return options;
    }

    private static double Rate(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw new ArgumentException($"{name} takes a share between 0 and 1 (0.02 is 2%); got '{text}'.");

    /// <summary>"90", "90s", "5m" or "1h".</summary>
    internal static TimeSpan Time(string name, string text, bool allowZero)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        var (number, unit) = trimmed.EndsWith('h') ? (trimmed[..^1], 3600.0)
            : trimmed.EndsWith('m') ? (trimmed[..^1], 60.0)
            : trimmed.EndsWith('s') ? (trimmed[..^1], 1.0)
            : (trimmed, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
               && (value > 0 || (allowZero && value == 0)) && value * unit <= 7 * 86_400
            ? TimeSpan.FromSeconds(value * unit)
            : throw new ArgumentException($"{name} takes a time such as 90s, 5m or 1h{(allowZero ? " (0 turns it off)" : string.Empty)}; got '{text}'.");
    }
}
