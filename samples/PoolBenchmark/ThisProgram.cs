using System.Diagnostics;

namespace PoolBenchmark;

/// <summary>Starting this benchmark again as another process (a configuration's child, a CPU burner).</summary>
public static class ThisProgram
{
    /// <summary>
    /// What starts this program with <paramref name="arguments"/>: its own executable, or <c>dotnet</c> with its
    /// assembly when it was started through <c>dotnet</c>.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ThisProgram).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
