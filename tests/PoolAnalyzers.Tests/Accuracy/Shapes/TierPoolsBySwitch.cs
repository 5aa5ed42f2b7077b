// Shape: three BlockingCollection pools picked by a switch expression on the customer tier; the async conversion waits with TryTake(out x, timeout) on the picked pool.
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Shapes.TierPoolsBySwitch;

public enum Tier
{
    Free,
    Standard,
    Premium,
}

public sealed class RenderWorker
{
    public Task<string> ConvertAsync(string document) => Task.FromResult(document.ToUpperInvariant());
}

public sealed class ConversionService
{
    private readonly BlockingCollection<RenderWorker> _free = {|POOL001:new BlockingCollection<RenderWorker>(new ConcurrentQueue<RenderWorker>(), 2)|};
    private readonly BlockingCollection<RenderWorker> _standard = {|POOL001:new BlockingCollection<RenderWorker>(8)|};
    private readonly BlockingCollection<RenderWorker> _premium = {|POOL001:new BlockingCollection<RenderWorker>(16)|};

    public ConversionService()
    {
        Fill(_free, 2);
        Fill(_standard, 8);
        Fill(_premium, 16);
    }

    private static void Fill(BlockingCollection<RenderWorker> pool, int count)
    {
        for (var i = 0; i < count; i++)
            pool.Add(new RenderWorker());
    }

    public async Task<string> ConvertAsync(Tier tier, string document)
    {
        var pool = tier switch
        {
            Tier.Premium => _premium,
            Tier.Standard => _standard,
            _ => _free,
        };

        // Free users wait longest, but everybody waits for a worker.
        if (!{|POOL003:pool.TryTake(out var worker, TimeSpan.FromSeconds(30))|})
            throw new TimeoutException($"All {tier} workers are busy.");

        try
        {
            return await worker.ConvertAsync(document);
        }
        finally
        {
            pool.Add(worker);
        }
    }
}
