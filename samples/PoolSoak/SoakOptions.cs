using System.CommandLine;
using PoolBenchmark;

namespace PoolSoak;

/// <summary>The soak's command line (System.CommandLine). A bad value is refused with a message that says what to pass instead.</summary>
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

    private static readonly Option<TimeSpan> DurationOption = OptionValues.Time("--duration", allowZero: false, "How long to run: seconds, or with a unit (90s, 5m, 1h); default 5m.");
    private static readonly Option<int> WorkersOption = OptionValues.PositiveInt("--workers", "Concurrent async callers (default 1000).");
    private static readonly Option<int> SizeOption = OptionValues.PositiveInt("--size", "Pool MaxSize (default 16).");
    private static readonly Option<TimeSpan> OutageEveryOption = OptionValues.Time("--outage-every", allowZero: true, "Kill redis-server and restart it this often (default 60s; 0 turns it off). Needs a server the soak starts itself, so it is off with --redis.");
    private static readonly Option<TimeSpan> OutageLengthOption = OptionValues.Time("--outage-length", allowZero: false, "How long each outage lasts (default 3s).");
    private static readonly Option<double> FailureRateOption = OptionValues.Rate("--failure-rate", "Share of connection attempts that throw (0 to 1, default 0.02).");
    private static readonly Option<double> HangRateOption = OptionValues.Rate("--hang-rate", "Share that hang past the create timeout, ignoring their token (default 0.01).");
    private static readonly Option<TimeSpan> ReportOption = OptionValues.Time("--report", allowZero: false, "Progress line interval (default 5s).");
    private static readonly Option<bool> FastPathOption = new("--fast-path") { Description = "No Validate, MaxLifetime or leak detection, so idle rents take the pool's lock-free fast path (broken connections are discarded when a PING fails)." };
    private static readonly Option<string?> RedisOption = OptionValues.Text("--redis", "HOST:PORT", "Use this Redis (default: REDIS_URL, else a redis-server started from PATH).");

    public static string Usage => OptionValues.HelpOf(Command());

    /// <summary>The options, or an <see cref="ArgumentException"/> that says what is wrong, or <see cref="HelpRequestedException"/>.</summary>
    public static SoakOptions Parse(string[] args)
    {
        var result = OptionValues.ParseOrThrow(Command(), args);
        var defaults = new SoakOptions();
        var options = new SoakOptions
        {
            Duration = result.ValueOr(DurationOption, defaults.Duration),
            Workers = result.ValueOr(WorkersOption, defaults.Workers),
            PoolSize = result.ValueOr(SizeOption, defaults.PoolSize),
            OutageEvery = result.ValueOr(OutageEveryOption, defaults.OutageEvery),
            OutageLength = result.ValueOr(OutageLengthOption, defaults.OutageLength),
            FailureRate = result.ValueOr(FailureRateOption, defaults.FailureRate),
            HangRate = result.ValueOr(HangRateOption, defaults.HangRate),
            ReportEvery = result.ValueOr(ReportOption, defaults.ReportEvery),
            FastPath = result.GetValue(FastPathOption),
            Redis = result.ValueOr(RedisOption, defaults.Redis),
        };

        if (options.FailureRate + options.HangRate > 1)
        {
            throw new ArgumentException($"--failure-rate plus --hang-rate must be at most 1; got {options.FailureRate + options.HangRate:0.###}.");
        }

        return options;
    }

    private static RootCommand Command()
    {
        var command = new RootCommand(
            "A long run of AsyncPool against a real redis-server that is killed and restarted, with connection attempts that fail or hang. " +
            "Exits 0 when every invariant held, 1 when one broke (each broken one is printed), 2 on a bad option, 3 when there is no redis-server.");
        foreach (var option in new Option[] { DurationOption, WorkersOption, SizeOption, OutageEveryOption, OutageLengthOption, FailureRateOption, HangRateOption, ReportOption, FastPathOption, RedisOption })
        {
            command.Options.Add(option);
        }

        return command;
    }
}
