using PoolBenchmark;
using PoolSoak;
using Xunit.Abstractions;

namespace Samples.Tests;

/// <summary>
/// The short version of the soak (samples/PoolSoak, run for minutes by hand): the same random mix of rents, PINGs,
/// cancellations, short timeouts and discards, a factory that fails and hangs on purpose, and one server outage,
/// with every invariant checked.
/// </summary>
public class SoakTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // no Validate, lifetime or leak detection: idle rents take the pool's lock-free fast path
    public async Task A_short_soak_with_faults_and_an_outage_keeps_every_invariant(bool fastPath)
    {
        using var server = RestartableRedis.TryStart() ?? throw new InvalidOperationException(RedisServer.MissingMessage);
        var options = new SoakOptions
        {
            Duration = TimeSpan.FromSeconds(12),
            Workers = 500,
            PoolSize = 8,
            OutageEvery = TimeSpan.FromSeconds(3),
            OutageLength = TimeSpan.FromSeconds(1),
            FailureRate = 0.05,
            HangRate = 0.02,
            ReportEvery = TimeSpan.FromSeconds(2),
            FastPath = fastPath,
        };
        using var log = new StringWriter();

        var result = await SoakRun.RunAsync(options, server.Endpoint, length => server.OutageAsync(length), log);

        output.WriteLine(log.ToString());
        output.WriteLine(result.Summary());
        Assert.True(result.Passed, result.Summary());
        Assert.True(result.Counters.Pings > 1000, "too few PINGs succeeded for the run to mean anything");
        Assert.True(result.Recoveries.Count >= 1, "no outage was caused");
        Assert.True(result.InjectedFailures + result.InjectedHangs > 0, "no factory fault was injected");
        Assert.True(result.Counters.Cancelled > 0 && result.Counters.TimedOut > 0, "the storm cancelled or timed out nothing");
    }
}
