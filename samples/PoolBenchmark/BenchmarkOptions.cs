using System.Globalization;

namespace PoolBenchmark;

/// <summary>The command line. Every bad value is refused with a message that says what to pass instead.</summary>
public sealed class BenchmarkOptions
{
    public static readonly string[] AllPools = ["blocking", "async", "semaphore", "channel", "ideal", "shared"];

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

    public string? Redis { get; private set; } = Environment.GetEnvironmentVariable("REDIS_URL");

    public string Output { get; private set; } = Path.Combine("artifacts", "pool-benchmark", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>An earlier run's results.json to report again, instead of running anything.</summary>
    public string? From { get; private set; }

    /// <summary>Set in a child process: the one configuration to run.</summary>
    public string? ChildPool { get; private set; }

    public int ChildSize { get; private set; }

    public static string Usage => """
        Usage: dotnet run -c Release --project samples/PoolBenchmark -- [options]

          --workers N        concurrent async workers (default 5000; 'ideal' always uses one per connection)
          --sizes A,B,..     pool sizes (default 1,10,100)
          --pools P,..       any of blocking, async, semaphore, channel, ideal, shared (default: all)
                             blocking, async (AsyncPool), semaphore, channel: pools that lease each connection
                             to one worker at a time; ideal: one worker per connection, the ceiling of exclusive
                             leasing; shared: every worker PINGs on the connections round-robin, no pool, no lease
          --timeout S        checkout wait timeout in seconds (default 1)
          --duration S       measured window per configuration in seconds (default 10; the reference used 60)
          --startup S        how long workers may take to start before counting anyway (default 30)
          --repeat N         measure each configuration N times, the pools taking turns, and report medians
                             (default 1; use 3 or more to rank pools on a busy machine)
          --load N           keep N CPU-burning processes (one core each) running beside every configuration,
                             to compare the pools on a busy machine (default 0)
          --redis HOST:PORT  use this Redis (default: REDIS_URL, else a redis-server started from PATH)
          --out DIR          where to write results.md, results.json and chart.svg
          --from FILE|DIR    run nothing: report an earlier run's results.json again with this version's report
                             (the table, results.md and chart.svg, written to --out; by default to the file's
                             folder, replacing the report there; the data file is left as it is)
        """;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        var outputGiven = false;
        var runOptions = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is not ("--from" or "--out" or "-h" or "--help"))
            {
                runOptions.Add(name);
            }

            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--workers":
                    options.Workers = PositiveInt(name, Value());
                    break;
                case "--sizes":
                    options.Sizes = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => PositiveInt(name, s))];
                    break;
                case "--pools":
                    var pools = Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim().ToLowerInvariant()).ToList();
                    var unknown = pools.Where(p => !AllPools.Contains(p)).ToList();
                    if (unknown.Count > 0 || pools.Count == 0)
                    {
                        throw new ArgumentException($"--pools takes some of {string.Join(", ", AllPools)}; got '{string.Join(",", unknown)}'.");
                    }

                    options.Pools = pools;
                    break;
                case "--timeout":
                    options.Timeout = Seconds(name, Value());
                    break;
                case "--duration":
                    options.Duration = Seconds(name, Value());
                    break;
                case "--startup":
                    options.StartupTimeout = Seconds(name, Value());
                    break;
                case "--repeat":
                    options.Repeat = PositiveInt(name, Value());
                    break;
                case "--load":
                    options.Load = Count(name, Value(), max: 64);
                    break;
                case "--redis":
                    options.Redis = Value();
                    break;
                case "--out":
                    options.Output = Value();
                    outputGiven = true;
                    break;
                case "--from":
                    options.From = Value();
                    break;
                case "--child":
                    options.ChildPool = Value();
                    options.ChildSize = PositiveInt(name, Value());
                    break;
                case "-h" or "--help":
                    throw new HelpRequestedException();
                default:
                    throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (options.From is not null)
        {
            if (runOptions.Count > 0)
            {
                throw new ArgumentException($"--from reports a saved run as it was measured, so it takes only --out; drop {string.Join(", ", runOptions.Distinct())}.");
            }

            if (Directory.Exists(options.From))
            {
                options.From = Path.Combine(options.From, "results.json");
            }

            if (!outputGiven)
            {
                options.Output = Path.GetDirectoryName(Path.GetFullPath(options.From))!;
            }
        }

        return options;
    }

    /// <summary>The settings of an earlier run, as its results.json recorded them (the report needs nothing else).</summary>
    public BenchmarkOptions WithSettings(int workers, IReadOnlyList<int> sizes, IReadOnlyList<string> pools, int repeat, TimeSpan timeout, TimeSpan duration, int load)
    {
        var copy = (BenchmarkOptions)MemberwiseClone();
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
        "--workers", Workers.ToString(CultureInfo.InvariantCulture),
        "--timeout", Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "--duration", Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "--startup", StartupTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "--redis", redis,
    ];

    /// <summary>A whole number above 0, or an error that names the option (the soak's command line uses it too).</summary>
    public static int PositiveInt(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} takes a whole number above 0; got '{text}'.");

    private static int Count(string name, string text, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= max
            ? value
            : throw new ArgumentException($"{name} takes a whole number from 0 to {max}; got '{text}'.");

    private static TimeSpan Seconds(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value < 86_400
            ? TimeSpan.FromSeconds(value)
            : throw new ArgumentException($"{name} takes a number of seconds above 0; got '{text}'.");
}

public sealed class HelpRequestedException : Exception;
