using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PoolRuntime.Tests;

[Collection(nameof(MetricsTests))] // a MeterListener sees every pool in the process; keep its pools apart by name
public class MetricsTests
{
    [Fact]
    public async Task Every_instrument_is_emitted_under_the_OpenTelemetry_names_with_the_pool_name()
    {
        var name = $"metrics-{Guid.NewGuid():N}";
        var measurements = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "PoolRuntime")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record<TValue>(Instrument instrument, TValue value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            if (Equals(copy.GetValueOrDefault("db.client.connection.pool.name"), name))
            {
                measurements.Add((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
            }
        }

        listener.SetMeasurementEventCallback<int>(Record);
        listener.SetMeasurementEventCallback<long>(Record);
        listener.SetMeasurementEventCallback<double>(Record);
        listener.Start();

        var factory = new CountingFactory();
        await using var pool = new AsyncPool<TestItem>(factory.CreateAsync, new() { MaxSize = 2, Name = name });
        var a = await pool.RentAsync();
        var b = await pool.RentAsync();
        var waiting = pool.RentAsync().AsTask();
        Assert.Null(await pool.TryTakeAsync(TimeSpan.FromMilliseconds(20)));

        listener.RecordObservableInstruments();
        a.Dispose();
        (await waiting).Dispose();
        b.Dispose();

        Assert.Contains(measurements, m => m.Instrument == "db.client.connection.count" && Equals(m.Tags["db.client.connection.state"], "used") && m.Value == 2);
        Assert.Contains(measurements, m => m.Instrument == "db.client.connection.count" && Equals(m.Tags["db.client.connection.state"], "idle") && m.Value == 0);
        Assert.Contains(measurements, m => m.Instrument == "db.client.connection.max" && m.Value == 2);
        Assert.Contains(measurements, m => m.Instrument == "db.client.connection.pending_requests" && m.Value == 1);
        Assert.Contains(measurements, m => m.Instrument == "db.client.connection.timeouts" && m.Value == 1);
        Assert.Equal(2, measurements.Count(m => m.Instrument == "db.client.connection.create_time"));
        Assert.Contains(measurements, m => m.Instrument == "db.client.connection.wait_time" && m.Value > 0);
        Assert.Equal(3, measurements.Count(m => m.Instrument == "db.client.connection.use_time"));
        Assert.All(measurements.Where(m => m.Instrument.EndsWith("_time", StringComparison.Ordinal)), m => Assert.InRange(m.Value, 0, 60));

        // The last instrument: a lease held past the leak threshold is counted once (a pool of the same name, on a fake clock).
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var leaky = new AsyncPool<TestItem>(factory.CreateAsync, new() { MaxSize = 1, Name = name, LeakDetectionThreshold = TimeSpan.FromSeconds(5), TimeProvider = time });
        using var forgotten = await leaky.RentAsync();
        time.Advance(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, measurements.Count(m => m.Instrument == "db.client.connection.poolruntime.leaks" && m.Value == 1));
    }

    [Fact]
    public async Task A_disposed_pool_is_no_longer_observed()
    {
        var name = $"metrics-{Guid.NewGuid():N}";
        var seen = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "PoolRuntime" && instrument.Name == "db.client.connection.max")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "db.client.connection.pool.name" && Equals(tag.Value, name))
                {
                    seen++;
                }
            }
        });
        listener.Start();

        var pool = new AsyncPool<TestItem>(new AsyncPoolOptions<TestItem> { MaxSize = 3, Name = name });
        listener.RecordObservableInstruments();
        Assert.Equal(1, seen);
        await pool.DisposeAsync();
        listener.RecordObservableInstruments();
        Assert.Equal(1, seen);
    }
}
