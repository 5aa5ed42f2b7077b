namespace PoolRuntime.Tests;

/// <summary>A pooled item that remembers whether it was disposed and checks it is never leased twice at once.</summary>
public sealed class TestItem : IDisposable
{
    private static int _nextId;
    private int _holders;
    private int _disposed;

    public int Id { get; } = Interlocked.Increment(ref _nextId);

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public int DisposeCount => Volatile.Read(ref _disposed);

    public void Dispose() => Interlocked.Increment(ref _disposed);

    /// <summary>Marks the item held; throws when another caller holds it already.</summary>
    public void Enter()
    {
        if (Interlocked.Increment(ref _holders) != 1)
        {
            throw new InvalidOperationException($"Item {Id} was leased to two callers at once.");
        }
    }

    public void Exit() => Interlocked.Decrement(ref _holders);

    public override string ToString() => $"item {Id}";
}

public sealed class AsyncOnlyItem : IAsyncDisposable
{
    public bool IsDisposed { get; private set; }

    public ValueTask DisposeAsync()
    {
        IsDisposed = true;
        return default;
    }
}

/// <summary>A factory that counts what it made and can be told to fail or hang.</summary>
public sealed class CountingFactory
{
    private readonly List<TestItem> _created = [];

    public Exception? FailWith { get; set; }

    public TaskCompletionSource? Gate { get; set; }

    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<TestItem> Created
    {
        get
        {
            lock (_created)
            {
                return _created.ToList();
            }
        }
    }

    public async ValueTask<TestItem> CreateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (FailWith is { } error)
        {
            throw error;
        }

        var item = new TestItem();
        lock (_created)
        {
            _created.Add(item);
        }

        return item;
    }
}
