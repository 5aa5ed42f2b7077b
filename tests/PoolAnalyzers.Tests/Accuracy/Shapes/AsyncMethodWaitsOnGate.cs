// Shape: blocking calls written directly in async checkouts: a gated pool whose async method calls the gate's synchronous Wait(token) (POOL003, not POOL001) after a Wait(0) fast path (never waits: not reported), and a BlockingCollection pool taken with TryTake(out x) (not reported) then TryTake(out x, 250) (POOL003).
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.AsyncMethodWaitsOnGate;

public sealed class GpuContext
{
    public Task<float[]> InferAsync(float[] input) => Task.FromResult(input);
}

public sealed class GpuContextPool
{
    private readonly ConcurrentQueue<GpuContext> _contexts = new();
    private readonly SemaphoreSlim _gate;

    public GpuContextPool(int count)
    {
        _gate = new SemaphoreSlim(count, count);
        for (var i = 0; i < count; i++)
            _contexts.Enqueue(new GpuContext());
    }

    public async Task<float[]> RunAsync(float[] input, CancellationToken cancellationToken)
    {
        // Fast path: a context is free right now.
        if (!_gate.Wait(0))
            {|POOL003:_gate.Wait(cancellationToken)|};

        _contexts.TryDequeue(out var context);
        try
        {
            return await context!.InferAsync(input);
        }
        finally
        {
            _contexts.Enqueue(context!);
            _gate.Release();
        }
    }
}

public sealed class Tokenizer
{
    public Task<int> CountAsync(string text) => Task.FromResult(text.Split(' ').Length);
}

public sealed class TokenizerPool
{
    private readonly BlockingCollection<Tokenizer> _tokenizers = {|POOL001:new BlockingCollection<Tokenizer>(2)|};

    public TokenizerPool()
    {
        _tokenizers.Add(new Tokenizer());
        _tokenizers.Add(new Tokenizer());
    }

    public async Task<int> CountTokensAsync(string text)
    {
        // Try without waiting first, then wait up to 250 ms.
        if (!_tokenizers.TryTake(out var tokenizer) && !{|POOL003:_tokenizers.TryTake(out tokenizer, 250)|})
            throw new TimeoutException("All tokenizers are busy.");

        try
        {
            return await tokenizer.CountAsync(text);
        }
        finally
        {
            _tokenizers.Add(tokenizer);
        }
    }
}
