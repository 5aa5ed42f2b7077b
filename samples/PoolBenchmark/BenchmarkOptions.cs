using System.CommandLine;
using System.Globalization;

namespace PoolBenchmark;

/// <summary>The command line (System.CommandLine). Every bad value is refused with a message that says what to pass instead.</summary>
public sealed class BenchmarkOptions
{
    /// <summary>The configurations a run measures unless --pools says otherwise.</summary>
    public static readonly string[] AllPools = ["blocking", "async", "semaphore", "channel", "ideal", "shared"];

    /// <summary>Every configuration --pools accepts: the default ones, and AsyncPool with its overload setting on.</summary>
    public static readonly string[] KnownPools = [.. AllPools, "async-newest"];

    /// <summary>--client: each pooled connection is a StackExchange.Redis multiplexer (the default).</summary>
    public const string MultiplexerClient = "multiplexer";

    /// <summary>--client: each pooled connection is one socket speaking RESP, one command at a time.</summary>
    public const string SocketClient = "socket";

    private static readonly Option<string> ClientOption = OptionValues.OneOf(
        "--client",
        [MultiplexerClient, SocketClient],
        "What each connection is. multiplexer (default): a StackExchange.Redis ConnectionMultiplexer, the .NET client, which can also be shared; socket: one TCP connection speaking RESP, one command at a time, as redis-py's pool holds (no client library between the pool and Redis; 'shared' needs a multiplexer, so it is left out).");
    private const string SharedNeedsMultiplexer = "--pools shared needs --client multiplexer: a socket carries one command at a time, so workers can share it only through a pool. Drop shared from --pools, or leave out --client socket.";

    private static readonly Option<int> WorkersOption = OptionValues.PositiveInt("--workers", "Concurrent async workers (default 5000; 'ideal' always uses one per connection).");
    private static readonly Option<IReadOnlyList<int>> SizesOption = OptionValues.List<int>("--sizes", "Pool sizes, comma-separated (default 1,10,100).", TryParsePositive, "whole numbers above 0, comma-separated");
    private static readonly Option<IReadOnlyList<string>> PoolsOption = OptionValues.List<string>(
        "--pools",
        "Any of blocking, async, semaphore, channel, ideal, shared, comma-separated. blocking, async (AsyncPool), semaphore, channel: pools that lease each connection to one worker at a time; ideal: one worker per connection, the ceiling of exclusive leasing; shared: every worker PINGs on the connections round-robin, no pool, no lease; async-newest: AsyncPool serving the newest waiter first while the oldest has waited over half the timeout (ServeNewestFirstAfter). Default: all but async-newest.",
        (string text, out string pool) => (pool = KnownPools.FirstOrDefault(known => string.Equals(known, text, StringComparison.OrdinalIgnoreCase))!) is not null,
        $"some of {string.Join(", ", KnownPools)}");
    private static readonly Option<TimeSpan> TimeoutOption = OptionValues.Seconds("--timeout", "Checkout wait timeout in seconds (default 1).");
    private static readonly Option<TimeSpan> DurationOption = OptionValues.Seconds("--duration", "Measured window per configuration in seconds (default 10; the reference used 60).");
    private static readonly Option<TimeSpan> StartupOption = OptionValues.Seconds("--startup", "How long workers may take to start before counting anyway, in seconds (default 30).");
    private static readonly Option<int> RepeatOption = OptionValues.PositiveInt("--repeat", "Measure each configuration N times, the pools taking turns, and report medians (default 1). From 6 rounds on (rounds where both pools served), the report gives the 95% interval of AsyncPool's median ratio to each alternative and says whether the rounds rank the two at all; on a busy machine even 21 rounds may not.");
    private static readonly Option<int> LoadOption = OptionValues.Count("--load", 64, "Keep N CPU-burning processes (one core each) running beside every configuration, to compare the pools on a busy machine (default 0).");
    private static readonly Option<string?> RedisOption = OptionValues.Text("--redis", "HOST:PORT", "Use this Redis (default: REDIS_URL, else a redis-server started from PATH).");
    private static readonly Option<string?> OutOption = OptionValues.Text("--out", "DIR", "Where to write results.md, results.json, chart.svg and chart.png (default: artifacts/pool-benchmark/<UTC time>).");
    private static readonly Option<string?> FromOption = OptionValues.Text("--from", "FILE|DIR", "Run nothing: report an earlier run's results.json again with this version's report (the table, results.md and the chart, written to --out; by default to the file's folder, replacing the report there; the data file is left as it is).");
    private static readonly Option<string[]> ChildOption = new("--child") { Hidden = true, Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };

    /// <summary>The options that only a measured run takes: --from refuses them.</summary>
    private static readonly Option[] RunOnly = [ClientOption, WorkersOption, SizesOption, PoolsOption, TimeoutOption, DurationOption, StartupOption, RepeatOption, LoadOption, RedisOption, ChildOption];

    /// <summary>What each connection is: <see cref="MultiplexerClient"/> or <see cref="SocketClient"/>.</summary>
    public string Client { get; private set; } = MultiplexerClient;

    /// <summary>What each connection is, in words for the report.</summary>
    public string ClientDescription => Client == SocketClient
        ? "each connection a plain socket speaking RESP, one command at a time (--client socket)"
        : "each connection a StackExchange.Redis ConnectionMultiplexer";

    public int Workers { get; private set; } = 5000;

    public IReadOnlyList<int> Sizes { get; private set; } = [1, 10, 100];

    public IReadOnlyList<string> Pools { get; private set; } = AllPools;

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(1);

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);

    public TimeSpan StartupTimeout { get; private set; } = TimeSpan.FromSeconds(30);

    /// <summary>CPU-burning processes kept running beside each configuration (0: none), to measure the pools on a busy machine.</summary>
    public int Load { get; private set; }

    /// <summary>Rounds per configuration; the pools of one size take turns round by round, so a busy spell on the machine hits them alike.</summary>
    public int Repeat { get; private set; } = 1;

    public string? Redis { get; private set; }

    public string Output { get; private set; } = DefaultOutput();

    /// <summary>An earlier run's results.json to report again, instead of running anything.</summary>
    public string? From { get; private set; }

    /// <summary>Set in a child process: the one configuration to run.</summary>
    public string? ChildPool { get; private set; }

    public int ChildSize { get; private set; }

    public static string Usage => OptionValues.HelpOf(Command());

    /// <summary>The options, or an <see cref="ArgumentException"/> that says what is wrong, or <see cref="HelpRequestedException"/>.</summary>
    public static BenchmarkOptions Parse(string[] args)
    {
        var result = OptionValues.ParseOrThrow(Command(), args);
        var defaults = new BenchmarkOptions();
        var options = new BenchmarkOptions
        {
            Client = result.ValueOr(ClientOption, defaults.Client),
            Workers = result.ValueOr(WorkersOption, defaults.Workers),
            Sizes = result.ValueOr(SizesOption, defaults.Sizes),
            Pools = result.ValueOr(PoolsOption, defaults.Pools),
            Timeout = result.ValueOr(TimeoutOption, defaults.Timeout),
            Duration = result.ValueOr(DurationOption, defaults.Duration),
            StartupTimeout = result.ValueOr(StartupOption, defaults.StartupTimeout),
            Repeat = result.ValueOr(RepeatOption, defaults.Repeat),
            Load = result.ValueOr(LoadOption, defaults.Load),
            Redis = result.ValueOr(RedisOption, Environment.GetEnvironmentVariable("REDIS_URL")),
            From = result.GetValue(FromOption),
        };
        var output = result.GetValue(OutOption);
        options.Output = output ?? options.Output;

        if (options.Client == SocketClient)
        {
            if (result.GetResult(PoolsOption) is null)
            {
                options.Pools = [.. options.Pools.Where(pool => pool != "shared")];
            }
            else if (options.Pools.Contains("shared"))
            {
                throw new ArgumentException(SharedNeedsMultiplexer);
            }
        }

        if (result.GetValue(ChildOption) is [var pool, var size])
        {
            options.ChildPool = pool;
            options.ChildSize = TryParsePositive(size, out var childSize) ? childSize : throw new ArgumentException($"--child takes a pool and a size above 0; got '{size}'.");
            if (pool == "shared" && options.Client == SocketClient)
            {
                throw new ArgumentException(SharedNeedsMultiplexer);
            }
        }

        if (options.From is not null)
        {
            var runOptions = RunOnly.Where(option => result.GetResult(option) is not null).Select(option => option.Name).ToList();
            if (runOptions.Count > 0)
            {
                throw new ArgumentException($"--from reports a saved run as it was measured, so it takes only --out; drop {string.Join(", ", runOptions)}.");
            }

            if (Directory.Exists(options.From))
            {
                options.From = Path.Combine(options.From, "results.json");
            }

            if (output is null)
            {
                options.Output = Path.GetDirectoryName(Path.GetFullPath(options.From))!;
            }
        }

        return options;
    }

    /// <summary>The settings of an earlier run, as its results.json recorded them (the report needs nothing else).</summary>
    public BenchmarkOptions WithSettings(string client, int workers, IReadOnlyList<int> sizes, IReadOnlyList<string> pools, int repeat, TimeSpan timeout, TimeSpan duration, int load)
    {
        var copy = (BenchmarkOptions)MemberwiseClone();
        copy.Client = client;
        copy.Load = load;
        copy.Workers = workers;
        copy.Sizes = sizes;
        copy.Pools = pools;
        copy.Repeat = repeat;
        copy.Timeout = timeout;
        copy.Duration = duration;
        return copy;
    }

    /// <summary>The arguments that make a child process run one configuration with these settings.</summary>
    public IEnumerable<string> ChildArguments(string pool, int size, string redis) =>
    [
        "--child", pool, size.ToString(CultureInfo.InvariantCulture),
        "--client", Client,
        "--workers", Workers.ToString(CultureInfo.InvariantCulture),
        "--timeout", Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "--duration", Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "--startup", StartupTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "--redis", redis,
    ];

    private static RootCommand Command()
    {
        var command = new RootCommand("The published pool benchmark (5000 async workers PINGing Redis through a pool) ported to .NET: each configuration runs in its own process against a real redis-server.");
        foreach (var option in new Option[] { ClientOption, WorkersOption, SizesOption, PoolsOption, TimeoutOption, DurationOption, StartupOption, RepeatOption, LoadOption, RedisOption, OutOption, FromOption, ChildOption })
        {
            command.Options.Add(option);
        }

        return command;
    }

    private static bool TryParsePositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value > 0;

    private static string DefaultOutput() =>
        Path.Combine("artifacts", "pool-benchmark", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
}

public sealed class HelpRequestedException : Exception;
