#!/usr/bin/env python3
"""Writes a large C# project of realistic async code with pools and look-alikes, for measuring analyzer cost.

Usage: generate.py OUTPUT_DIR [FILES]   (default 1000 files)
Each file is one service class of 10-20 async methods (awaits, LINQ, string work, Task.WhenAll, .Result on
ordinary tasks, async methods calling the service's own synchronous helpers two calls deep); about one file in ten
holds a BlockingCollection pool, one in ten a BlockingCollection work queue, one in twenty a SemaphoreSlim-gated pool
with a synchronous Rent() wrapper, one in twenty calls another file's Rent() wrapper from async code (POOL003 across
calls), and one in ten uses PoolRuntime's AsyncPool.
"""
import os
import random
import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
random.seed(42)
os.makedirs(out, exist_ok=True)

HEADER = """using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PoolRuntime;

namespace Generated.Area{area};

public sealed class Connection{n} : IDisposable
{{
    public int Id {{ get; set; }}
    public Task<string> QueryAsync(string text, CancellationToken token) => Task.FromResult(text + Id);
    public void Dispose() {{ }}
}}
"""

BLOCKING_POOL = """
    private readonly BlockingCollection<Connection{n}> _pool = new BlockingCollection<Connection{n}>(8);

    public async Task<string> QueryPooledAsync(string text, CancellationToken token)
    {{
        if (!_pool.TryTake(out var connection, TimeSpan.FromSeconds(1)))
        {{
            throw new TimeoutException("No connection available.");
        }}

        try
        {{
            return await connection.QueryAsync(text, token);
        }}
        finally
        {{
            _pool.Add(connection);
        }}
    }}
"""

WORK_QUEUE = """
    private readonly BlockingCollection<string> _work = new BlockingCollection<string>(1000);

    public void Enqueue(string item) => _work.Add(item);

    public void DrainOnDedicatedThread()
    {{
        while (_work.TryTake(out var item, 500))
        {{
            Console.WriteLine(item.Length);
        }}
    }}
"""

GATED_POOL = """
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(4, 4);
    private readonly ConcurrentBag<Connection{n}> _idle = new ConcurrentBag<Connection{n}>();

    public Connection{n} Rent()
    {{
        _gate.Wait();
        return _idle.TryTake(out var c) ? c : new Connection{n}();
    }}

    public void Return(Connection{n} c)
    {{
        _idle.Add(c);
        _gate.Release();
    }}
"""

ASYNC_POOL = """
    private readonly AsyncPool<Connection{n}> _asyncPool = new AsyncPool<Connection{n}>(_ => new ValueTask<Connection{n}>(new Connection{n}()));

    public async Task<string> QueryWithLeaseAsync(string text, CancellationToken token)
    {{
        using var lease = await _asyncPool.RentAsync(token);
        return await lease.Value.QueryAsync(text, token);
    }}

    public async Task<string> QueryBlockingAsync(string text, CancellationToken token)
    {{
        using var lease = _asyncPool.RentAsync(token).AsTask().Result;
        return await lease.Value.QueryAsync(text, token);
    }}
"""

WRAPPER_CALLER = """
    private readonly Generated.Area{gated_area}.Service{gated} _gated = new Generated.Area{gated_area}.Service{gated}();

    public async Task<int> UseGatedPoolAsync(CancellationToken token)
    {{
        var connection = _gated.Rent();
        try
        {{
            await Task.Delay(1, token);
            return connection.Id;
        }}
        finally
        {{
            _gated.Return(connection);
        }}
    }}
"""

METHODS = [
    """
    private int Helper{m}(int value) => Scale{m}(value) + {m};

    private static int Scale{m}(int value) => value * 2;

    public async Task<int> UseHelpersAsync{m}(int value, CancellationToken token)
    {{
        await Task.Delay(1, token);
        return Helper{m}(value) + Scale{m}(value);
    }}
""",
    """
    public async Task<int> SumAsync{m}(IEnumerable<int> values, CancellationToken token)
    {{
        var tasks = values.Select(v => Task.FromResult(v * {m})).ToList();
        var results = await Task.WhenAll(tasks);
        return results.Where(r => r % 2 == 0).Sum() + tasks[0].Result;
    }}
""",
    """
    public async Task<string> FormatAsync{m}(string name, CancellationToken token)
    {{
        await Task.Delay(1, token);
        var parts = name.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        return string.Join("-", parts.OrderBy(p => p)) + {m};
    }}
""",
    """
    public async Task<Dictionary<string, int>> CountAsync{m}(IReadOnlyList<string> words)
    {{
        var counts = new Dictionary<string, int>();
        foreach (var word in words)
        {{
            counts[word] = counts.TryGetValue(word, out var n) ? n + 1 : 1;
            if (counts.Count % 100 == 0) await Task.Yield();
        }}

        return counts;
    }}
""",
    """
    public int Synchronous{m}(Func<Task<int>> work) => work().Result + {m};
""",
    """
    public async Task<bool> TryAsync{m}(Func<CancellationToken, Task<bool>> attempt, CancellationToken token)
    {{
        for (var i = 0; i < 3; i++)
        {{
            try
            {{
                if (await attempt(token).ConfigureAwait(false)) return true;
            }}
            catch (InvalidOperationException) when (i < 2)
            {{
                await Task.Delay(10 * (i + 1), token);
            }}
        }}

        return false;
    }}
""",
    """
    public async IAsyncEnumerable<int> StreamAsync{m}(int count)
    {{
        for (var i = 0; i < count; i++)
        {{
            await Task.Yield();
            yield return i * {m};
        }}
    }}
""",
]

for i in range(count):
    area = i // 100
    parts = [HEADER.format(area=area, n=i), f"\npublic sealed class Service{i}\n{{"]
    roll = i % 20
    if roll in (0, 10):
        parts.append(BLOCKING_POOL.format(n=i))
    elif roll in (1, 11):
        parts.append(WORK_QUEUE.format(n=i))
    elif roll == 2:
        parts.append(GATED_POOL.format(n=i))
    elif roll in (3, 13):
        parts.append(ASYNC_POOL.format(n=i))
    elif roll == 12:
        parts.append(WRAPPER_CALLER.format(gated=i - 10, gated_area=(i - 10) // 100))
    for m in range(random.randint(10, 20)):
        parts.append(random.choice(METHODS).format(m=m))
    parts.append("}\n")
    with open(os.path.join(out, f"Service{i}.cs"), "w") as f:
        f.write("".join(parts))
