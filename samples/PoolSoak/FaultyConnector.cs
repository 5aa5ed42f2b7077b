using StackExchange.Redis;

namespace PoolSoak;

/// <summary>
/// The pool's factory: connects to Redis, and on request injects the faults a real factory meets: it throws, or it
/// hangs past the pool's create timeout without looking at its token (and then produces a connection late, which the
/// pool must dispose rather than leak).
/// </summary>
public sealed class FaultyConnector(string endpoint, ConnectionLedger ledger)
{
    private string _endpoint = endpoint;

    /// <summary>The share of creations that throw at once (0 to 1).</summary>
    public double FailureRate { get; set; }

    /// <summary>The share of creations that hang for <see cref="HangFor"/>, ignoring their token.</summary>
    public double HangRate { get; set; }

    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Where new connections go; a test points it at a dead port or a black hole, then back.</summary>
    public string Endpoint
    {
        get => Volatile.Read(ref _endpoint);
        set => Volatile.Write(ref _endpoint, value);
    }

    public long InjectedFailures => Interlocked.Read(ref _injectedFailures);

    public long InjectedHangs => Interlocked.Read(ref _injectedHangs);

    private long _injectedFailures;
    private long _injectedHangs;

    public async ValueTask<RedisConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var roll = Random.Shared.NextDouble();
        if (roll < FailureRate)
        {
            Interlocked.Increment(ref _injectedFailures);
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Injected fault: the factory failed to connect.");
        }

        if (roll < FailureRate + HangRate)
        {
            Interlocked.Increment(ref _injectedHangs);
            await Task.Delay(HangFor, CancellationToken.None).ConfigureAwait(false);
        }

        var configuration = ConfigurationOptions.Parse(Endpoint);
        configuration.AbortOnConnectFail = true;
        configuration.ConnectTimeout = 1000;
        configuration.AsyncTimeout = 1000;
        configuration.ConnectRetry = 1;
        return ledger.Track(await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false));
    }
}
