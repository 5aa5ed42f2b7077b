using System.Diagnostics;
using System.Text.Json;

namespace PoolBenchmark;

/// <summary>
/// Runs every configuration in a fresh child process (a blocking run leaves hundreds of thread-pool threads behind that
/// would flatter whatever ran after it in the same process), shows progress, and enforces a hard wall-clock limit:
/// a child that does not finish in time is stopped and reported as starved, with its counts so far.
/// </summary>
public static class ParentRun
{
    public static async Task<List<ConfigResult>> RunAllAsync(BenchmarkOptions options, string redis)
    {
        var results = new List<ConfigResult>();
        var total = options.Sizes.Count * options.Pools.Count * options.Repeat;
        foreach (var size in options.Sizes)
        {
            for (var round = 1; round <= options.Repeat; round++)
            {
                // Each round starts with a different pool, so a steady drift in the machine's load favours none.
                foreach (var pool in options.Pools.Skip((round - 1) % options.Pools.Count).Concat(options.Pools.Take((round - 1) % options.Pools.Count)))
                {
                    Console.WriteLine();
                    var ofRounds = options.Repeat > 1 ? $" (round {round} of {options.Repeat})" : string.Empty;
                    Console.WriteLine($"[{results.Count + 1}/{total}] {Describe(pool, size, options)}{ofRounds}");
                    var result = await RunOneAsync(options, pool, size, redis) with { Round = round };
                    results.Add(result);
                    Print(result);
                }
            }
        }

        return results;
    }

    public static string Describe(string pool, int size, BenchmarkOptions options) => pool switch
    {
        "ideal" => $"ideal: {size} workers, each owning one of {size} connections (no pool)",
        "shared" => $"shared: {options.Workers} workers sharing {size} connection{(size == 1 ? "" : "s")} round-robin (no pool, no lease)",
        _ => $"{pool} pool, {size} connection{(size == 1 ? "" : "s")}, {options.Workers} workers",
    };

    private static async Task<ConfigResult> RunOneAsync(BenchmarkOptions options, string pool, int size, string redis)
    {
        var start = ThisProgram.StartInfo(options.ChildArguments(pool, size, redis));
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        // The load starts before the child and ends after it: the whole configuration, start-up included, runs beside it.
        var hardLimit = options.StartupTimeout + options.Duration + TimeSpan.FromSeconds(30);
        using var load = options.Load > 0 ? CpuLoad.Start(options.Load, hardLimit + TimeSpan.FromSeconds(30)) : null;
        using var child = Process.Start(start)!;
        JsonElement? lastProgress = null;
        ConfigResult? result = null;
        var errors = new List<string>();
        var interactive = !Console.IsOutputRedirected;
        var lastPrinted = DateTime.MinValue;
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            if (e.Data.StartsWith("R ", StringComparison.Ordinal))
            {
                result = JsonSerializer.Deserialize<ConfigResult>(e.Data[2..]);
            }
            else if (e.Data.StartsWith("P ", StringComparison.Ordinal))
            {
                var progress = JsonDocument.Parse(e.Data[2..]).RootElement;
                lastProgress = progress;
                if (interactive || DateTime.UtcNow - lastPrinted > TimeSpan.FromSeconds(5))
                {
                    lastPrinted = DateTime.UtcNow;
                    var line = $"    {progress.GetProperty("phase").GetString(),-9} {progress.GetProperty("elapsed").GetDouble(),5:0.0} s  started {progress.GetProperty("started").GetInt32()}  ok {progress.GetProperty("Ok").GetInt64()}  fail {progress.GetProperty("Fail").GetInt64()}  threads {progress.GetProperty("threads").GetInt32()}";
                    if (interactive)
                    {
                        Console.Write("\r" + line.PadRight(Math.Max(0, Console.WindowWidth - 1)));
                    }
                    else
                    {
                        Console.WriteLine(line);
                    }
                }
            }
        };
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.Add(e.Data);
                }
            }
        };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();

        using var limit = new CancellationTokenSource(hardLimit);
        try
        {
            await child.WaitForExitAsync(limit.Token);
            child.WaitForExit(); // drain the output
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        if (interactive)
        {
            Console.WriteLine();
        }

        if (result is not null)
        {
            return result;
        }

        // Stopped from outside (starved), or crashed: report what the child counted so far.
        var progressSoFar = lastProgress;
        var error = errors.Count > 0 ? string.Join(" ", errors.Where(e => e.Trim().Length > 0 && !e.TrimStart().StartsWith("at ", StringComparison.Ordinal)).Take(2)) : null;
        var crashed = !limit.IsCancellationRequested && child.ExitCode != 0;
        return new ConfigResult
        {
            Pool = pool,
            Size = size,
            Workers = pool == "ideal" ? size : options.Workers,
            Connections = size,
            Starved = !crashed,
            Crashed = crashed,
            StartedWorkers = progressSoFar?.GetProperty("started").GetInt32() ?? 0,
            Attempts = progressSoFar?.GetProperty("Attempts").GetInt64() ?? 0,
            Ok = progressSoFar?.GetProperty("Ok").GetInt64() ?? 0,
            Fail = progressSoFar?.GetProperty("Fail").GetInt64() ?? 0,
            ElapsedSeconds = progressSoFar?.GetProperty("phase").GetString() == "measuring" ? progressSoFar.Value.GetProperty("elapsed").GetDouble() : 0,
            ThreadsMax = progressSoFar?.GetProperty("threads").GetInt32() ?? 0,
            ThreadsAtEnd = progressSoFar?.GetProperty("threads").GetInt32() ?? 0,
            Error = crashed ? $"exit {child.ExitCode}: {error ?? "no error output"}" : $"stopped after the hard limit of {hardLimit.TotalSeconds:0} s",
        };
    }

    private static void Print(ConfigResult r)
    {
        var flag = r.Crashed ? "  ** crashed **" : r.Starved ? "  ** starved **" : string.Empty;
        Console.WriteLine($"    connections made: {r.Connections}, attempts: {r.Attempts:N0}, fail: {r.Fail:N0}, ok: {r.Ok:N0}, success rate: {r.SuccessRate:P1}, time elapsed: {r.ElapsedSeconds:0.0} s, success throughput: {r.Throughput:N0} req/s{flag}");
        Console.WriteLine($"    checkout wait p50 / p99: {Format.Ms(r.WaitP50Ms)} / {Format.Ms(r.WaitP99Ms)}, thread-pool threads: max {r.ThreadsMax}, at end {r.ThreadsAtEnd}, workers started: {r.StartedWorkers:N0} of {r.Workers:N0}{(r.Error is null ? "" : $", {r.Error}")}");
        if (r.HandOffP50Us is not null || r.HeldP50Us is not null)
        {
            Console.WriteLine($"    hand-off (give-back to the next holder running) p50 / p99 / mean: {Format.Us(r.HandOffP50Us)} / {Format.Us(r.HandOffP99Us)} / {Format.Us(r.HandOffMeanUs)}, connection held per PING p50 / mean: {Format.Us(r.HeldP50Us)} / {Format.Us(r.HeldMeanUs)}");
        }

        if (r.CostMeasured)
        {
            Console.WriteLine($"    allocated per successful request: {Format.Bytes(r.AllocatedBytesPerRequest)}, garbage collections in the window: {r.Collections:N0}, thread-pool work items per request: {Format.Number(r.WorkItemsPerRequest)}, contended locks per request: {Format.Number(r.LockContentionsPerRequest)}");
        }
    }

}
