// Shape: (negative) producer/consumer: async web handlers Add jobs to a BlockingCollection<Job>, a dedicated long-running thread drains it with GetConsumingEnumerable() and a TryTake(out job, timeout) poll on shutdown; jobs are consumed, never put back, so it is not a pool.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindJobProducerConsumer;

public sealed record ThumbnailJob(Guid ImageId, int Width, int Height);

public sealed class ThumbnailJobQueue : IDisposable
{
    private readonly BlockingCollection<ThumbnailJob> _jobs = new BlockingCollection<ThumbnailJob>(boundedCapacity: 1000);
    private readonly Thread _worker;
    private int _processed;

    public ThumbnailJobQueue()
    {
        _worker = new Thread(ProcessJobs) { IsBackground = true, Name = "thumbnails" };
        _worker.Start();
    }

    public int Processed => Volatile.Read(ref _processed);

    public bool TryEnqueue(ThumbnailJob job) => _jobs.TryAdd(job);

    public void Dispose()
    {
        _jobs.CompleteAdding();
        _worker.Join(TimeSpan.FromSeconds(10));
        while (_jobs.TryTake(out var leftover, TimeSpan.FromMilliseconds(50)))
            Console.WriteLine($"Dropping thumbnail job for {leftover.ImageId}");
        _jobs.Dispose();
    }

    private void ProcessJobs()
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            Render(job);
            Interlocked.Increment(ref _processed);
        }
    }

    private static void Render(ThumbnailJob job) => Thread.Sleep(job.Width * job.Height / 100_000);
}

public sealed class ImageUploadHandler
{
    private readonly ThumbnailJobQueue _queue;

    public ImageUploadHandler(ThumbnailJobQueue queue) => _queue = queue;

    public async Task<Guid> UploadAsync(byte[] image)
    {
        var id = Guid.NewGuid();
        await StoreAsync(id, image);
        if (!_queue.TryEnqueue(new ThumbnailJob(id, 256, 256)))
            Console.WriteLine("Thumbnail queue full; thumbnail will be generated lazily.");
        _queue.TryEnqueue(new ThumbnailJob(id, 64, 64));
        return id;
    }

    private static Task StoreAsync(Guid id, byte[] image) => Task.Delay(1);
}
