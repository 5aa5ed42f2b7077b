using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PoolBenchmark;

/// <summary>A redis-server from PATH on a free loopback port, persistence off, stopped on dispose.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
        Endpoint = $"127.0.0.1:{port}";
    }

    public string Endpoint { get; }

    public int Port { get; }

    public static string MissingMessage => """
        redis-server was not found on PATH. Install it, or point the benchmark at a running server:
          Debian/Ubuntu:  sudo apt-get install redis-server      (./run-benchmark.sh does this for you)
          macOS:          brew install redis
          or:             --redis host:port   (or the REDIS_URL environment variable)
        """;

    /// <summary>Starts a server on a free port (or on <paramref name="port"/>), or returns null when there is no redis-server on PATH.</summary>
    public static RedisServer? TryStart(int? port = null)
    {
        var executable = FindOnPath("redis-server");
        if (executable is null)
        {
            return null;
        }

        return Start(executable, port ?? FreePort());
    }

    private static RedisServer Start(string executable, int port)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--protected-mode", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!server.Pings())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                server.Dispose();
                throw new InvalidOperationException($"redis-server did not answer PING on {server.Endpoint} within 10 s.");
            }

            Thread.Sleep(50);
        }

        return server;
    }

    public string Version()
    {
        var info = Send("INFO server\r\n");
        var line = info.Split('\n').FirstOrDefault(l => l.StartsWith("redis_version:", StringComparison.Ordinal));
        return line?.Split(':')[1].Trim() ?? "unknown";
    }

    /// <summary>Kills the server at once, as a crash would (the tests of the pool under faults use this).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private bool Pings()
    {
        try
        {
            return Send("PING\r\n").StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string Send(string command)
    {
        var parts = Endpoint.Split(':');
        using var client = new TcpClient();
        client.Connect(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        using var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes(command));
        var buffer = new byte[8192];
        var read = stream.Read(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
