using System.Diagnostics;

namespace PoolAnalyzers.Testing;

/// <summary>Helpers the test projects share (linked into each): the repository root, and running a real command.</summary>
internal static class TestProcesses
{
    /// <summary>The folder that holds PoolAnalyzers.sln, found from the test assembly's folder upwards.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PoolAnalyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PoolAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs a command to the end (or kills it at <paramref name="limit"/>) and returns its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> Run(string directory, TimeSpan limit, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {limit}: {await stdout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
