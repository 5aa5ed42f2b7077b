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

    /// <summary>
    /// Held by a test while it builds, packs or formats projects that reference the repository's own projects. dotnet
    /// test runs the test assemblies in parallel processes, and two builds of src/PoolRuntime in one configuration at
    /// once trip over each other's obj folder (CS0006, a missing ref assembly). A file lock works across processes.
    /// </summary>
    public static async Task<IDisposable> LockRepositoryBuildsAsync()
    {
        var directory = Path.Combine(RepositoryRoot(), "artifacts");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "test-builds.lock");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(10))
            {
                await Task.Delay(200);
            }
        }
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
