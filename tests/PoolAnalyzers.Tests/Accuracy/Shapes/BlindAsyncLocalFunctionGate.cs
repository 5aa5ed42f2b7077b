// Shape: a class with its own gated pool (SemaphoreSlim + ConcurrentQueue of SFTP sessions) whose only lease is written inline in an async local function: Wait(token), dequeue, use, enqueue, Release (POOL003 at the Wait, no POOL001); a separate awaited WaitAsync lease is not reported.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.BlindAsyncLocalFunctionGate;

public sealed class SftpSession
{
    public Task PutAsync(string localPath, string remotePath) => Task.CompletedTask;

    public Task<bool> ExistsAsync(string remotePath) => Task.FromResult(false);
}

public sealed class SftpMirror
{
    private readonly ConcurrentQueue<SftpSession> _sessions = new();
    private readonly SemaphoreSlim _slots;

    public SftpMirror(int sessions)
    {
        _slots = new SemaphoreSlim(sessions, sessions);
        for (var i = 0; i < sessions; i++)
            _sessions.Enqueue(new SftpSession());
    }

    public async Task MirrorAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        async Task PushOne(string file)
        {
            {|POOL003:_slots.Wait(cancellationToken)|};
            _sessions.TryDequeue(out var session);
            try
            {
                await session!.PutAsync(file, "/mirror/" + file);
            }
            finally
            {
                _sessions.Enqueue(session!);
                _slots.Release();
            }
        }

        await Task.WhenAll(files.Select(PushOne));
    }

    public async Task<bool> ExistsAsync(string remotePath, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        _sessions.TryDequeue(out var session);
        try
        {
            return await session!.ExistsAsync(remotePath);
        }
        finally
        {
            _sessions.Enqueue(session!);
            _slots.Release();
        }
    }
}
