namespace PoolRuntime.Tests;

/// <summary>
/// A minimal fake clock whose timers allocate nothing when changed or fired, unlike FakeTimeProvider's, so that an
/// allocation test sees only what the pool allocates. Timers fire synchronously inside <see cref="Advance"/>.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private long _now = 1;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        _now += by.Ticks;
        for (var i = 0; i < _timers.Count; i++)
        {
            var timer = _timers[i];
            if (timer.DueAt <= _now)
            {
                timer.DueAt = long.MaxValue;
                timer.Fire();
            }
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long DueAt { get; set; } = long.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? long.MaxValue : owner._now + dueTime.Ticks;
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => DueAt = long.MaxValue;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
