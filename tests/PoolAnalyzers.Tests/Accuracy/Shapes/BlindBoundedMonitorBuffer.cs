// Shape: (negative) a bounded channel-like buffer built on Monitor: Enqueue(item) waits while full, Dequeue() Monitor.Waits in a while loop while empty and hands the item out; items only come from producers and are consumed by synchronous worker threads, never returned.
using System;
using System.Collections.Generic;
using System.Threading;

namespace Shapes.BlindBoundedMonitorBuffer;

public sealed class BoundedBuffer<T>
{
    private readonly Queue<T> _queue = new();
    private readonly object _sync = new();
    private readonly int _capacity;

    public BoundedBuffer(int capacity) => _capacity = capacity;

    public void Enqueue(T item)
    {
        lock (_sync)
        {
            while (_queue.Count >= _capacity)
                Monitor.Wait(_sync);
            _queue.Enqueue(item);
            Monitor.PulseAll(_sync);
        }
    }

    public T Dequeue()
    {
        lock (_sync)
        {
            while (_queue.Count == 0)
                Monitor.Wait(_sync);
            var item = _queue.Dequeue();
            Monitor.PulseAll(_sync);
            return item;
        }
    }
}

public sealed record SensorReading(string SensorId, double Value);

public sealed class TelemetryPipeline
{
    private readonly BoundedBuffer<SensorReading> _buffer = new(256);
    private readonly Thread[] _consumers;
    private double _total;

    public TelemetryPipeline(int consumers)
    {
        _consumers = new Thread[consumers];
        for (var i = 0; i < consumers; i++)
        {
            _consumers[i] = new Thread(Consume) { IsBackground = true };
            _consumers[i].Start();
        }
    }

    public void OnReading(string sensorId, double value) => _buffer.Enqueue(new SensorReading(sensorId, value));

    private void Consume()
    {
        while (true)
        {
            var reading = _buffer.Dequeue();
            if (double.IsNaN(reading.Value))
                continue;
            lock (_consumers)
                _total += reading.Value;
        }
    }
}
