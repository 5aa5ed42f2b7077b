using System.Diagnostics;
using System.Globalization;

namespace PoolBenchmark;

/// <summary>
/// <c>--load N</c>: N processes that each keep one core busy while a configuration runs, so that the comparison on a
/// busy machine is reproducible with one command. A burner is this program in its <c>--burn-cpu</c> mode; it stops by
/// itself when its parent is gone or its time limit has passed, so none outlives a run that was killed.
/// </summary>
public sealed class CpuLoad : IDisposable
{
    public const string BurnMode = "--burn-cpu";

    private readonly List<Process> _burners;

    private CpuLoad(List<Process> burners) => _burners = burners;

    /// <summary>Starts the burners; <paramref name="limit"/> bounds how long each may run.</summary>
    public static CpuLoad Start(int processes, TimeSpan limit)
    {
        var burners = new List<Process>(processes);
        for (var i = 0; i < processes; i++)
        {
            var start = ThisProgram.StartInfo([BurnMode, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), limit.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)]);
            burners.Add(Process.Start(start) ?? throw new InvalidOperationException($"Could not start the CPU burner {Environment.ProcessPath}."));
        }

        return new CpuLoad(burners);
    }

    /// <summary>The burner's own loop: arithmetic on one thread until the parent exits or the limit passes.</summary>
    public static int Burn(string[] args)
    {
        if (args is not [BurnMode, var parentText, var secondsText]
            || !int.TryParse(parentText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parent)
            || !int.TryParse(secondsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            Console.Error.WriteLine($"PoolBenchmark: {BurnMode} is internal (--load starts it): {BurnMode} PARENT_PID SECONDS");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var x = 1.0;
        while (clock.Elapsed.TotalSeconds < seconds && IsAlive(parent))
        {
            // About 10-20 ms of work between checks of the parent.
            for (var i = 0; i < 5_000_000; i++)
            {
                x = (x * 1.000_000_1) + 1e-9;
            }
        }

        return x > 0 ? 0 : 1; // x is used, so the loop is not optimised away
    }

    public void Dispose()
    {
        foreach (var burner in _burners)
        {
            try
            {
                burner.Kill();
                burner.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // It had already stopped.
            }

            burner.Dispose();
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
