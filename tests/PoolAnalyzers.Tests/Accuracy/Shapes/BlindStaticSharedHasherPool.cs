// Shape: a pool exposed through a static Shared property (HasherPool.Shared.Lend(), SemaphoreSlim.Wait(TimeSpan) over a ConcurrentStack) plus a static class of expression-bodied shortcuts Hashers.Borrow() => HasherPool.Shared.Lend(); async code calls both; a synchronous caller is not reported.
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindStaticSharedHasherPool;

public sealed class HashWorker
{
    public string Hash(byte[] data) => Convert.ToHexString(data);
}

public sealed class HasherPool
{
    private readonly ConcurrentStack<HashWorker> _workers = new();
    private readonly SemaphoreSlim _lendable = new(4, 4);

    private HasherPool()
    {
        for (var i = 0; i < 4; i++)
            _workers.Push(new HashWorker());
    }

    public static HasherPool Shared { get; } = new HasherPool();

    public HashWorker Lend()
    {
        if (!{|POOL001:_lendable.Wait(TimeSpan.FromSeconds(30))|})
            throw new TimeoutException();
        _workers.TryPop(out var worker);
        return worker!;
    }

    public void GiveBack(HashWorker worker)
    {
        _workers.Push(worker);
        _lendable.Release();
    }
}

public static class Hashers
{
    public static HashWorker Borrow() => HasherPool.Shared.Lend();

    public static void Return(HashWorker worker) => HasherPool.Shared.GiveBack(worker);
}

public sealed class UploadVerifier
{
    public async Task<string> ChecksumAsync(Stream upload)
    {
        using var copy = new MemoryStream();
        await upload.CopyToAsync(copy);
        var worker = {|POOL003:HasherPool.Shared.Lend()|};
        try
        {
            return worker.Hash(copy.ToArray());
        }
        finally
        {
            HasherPool.Shared.GiveBack(worker);
        }
    }

    public async Task<bool> MatchesAsync(Stream upload, string expected)
    {
        var bytes = new byte[upload.Length];
        await upload.ReadExactlyAsync(bytes);
        var worker = {|POOL003:Hashers.Borrow()|};
        try
        {
            return worker.Hash(bytes) == expected;
        }
        finally
        {
            Hashers.Return(worker);
        }
    }

    public string ChecksumNow(byte[] data)
    {
        var worker = Hashers.Borrow();
        try { return worker.Hash(data); }
        finally { Hashers.Return(worker); }
    }
}
