using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using StackExchange.Redis;

namespace PoolBenchmark;

/// <summary>
/// One TCP connection to Redis speaking RESP, one command at a time: what redis-py's connection pool holds, and what
/// most pools hold (a database connection serves one caller's command at a time). Unlike a StackExchange.Redis
/// multiplexer there is no writer, reader or lock inside: a PING is one send and one receive on the caller's own
/// path, so with <c>--client socket</c> the time a connection is held is the round trip and the pool's hand-off alone.
/// Not thread-safe: the pool gives it to one worker at a time.
/// </summary>
public sealed class SocketConnection : IAsyncDisposable
{
    private static readonly byte[] Ping = "*1\r\n$4\r\nPING\r\n"u8.ToArray();
    private static readonly byte[] Pong = "+PONG\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly byte[] _reply = new byte[256];

    // Why an earlier PING failed. After a failure the stream may hold part of a reply, which would answer the next
    // PING out of step (and count it a success), so the connection is closed and every later PING fails at once.
    private string? _broken;

    private SocketConnection(Socket socket) => _socket = socket;

    /// <summary>
    /// Where <paramref name="redis"/> (host, or host:port) points, or null with <paramref name="reason"/> when this
    /// client cannot speak to it as given: it sends PING and nothing else, so no AUTH and no TLS.
    /// </summary>
    public static EndPoint? EndPointOf(string redis, out string? reason)
    {
        var configuration = ConfigurationOptions.Parse(redis);
        configuration.SetDefaultPorts();
        reason = configuration.Password is not null || configuration.User is not null ? "it sets a user or password, and --client socket sends no AUTH"
            : configuration.Ssl ? "it asks for TLS, and --client socket speaks plain TCP"
            : configuration.EndPoints.Count == 0 ? "it names no endpoint"
            : null;
        return reason is null ? configuration.EndPoints[0] : null;
    }

    /// <summary>Connects and checks that Redis answers PING, so that a refusal (a password, say) stops the run in Redis's own words.</summary>
    public static async Task<SocketConnection> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new SocketConnection(socket);
        await connection.PingAsync();
        return connection;
    }

    /// <summary>Sends PING and reads the whole reply; throws with Redis's own words for any reply but PONG.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))] // the main job measures allocations per request
    public async ValueTask PingAsync()
    {
        if (_broken is not null)
        {
            throw new IOException($"This connection was closed after an earlier PING failed: {_broken}");
        }

        try
        {
            // The ReadOnlyMemory overload: it returns a ValueTask over a cached operation (the byte[] one allocates a Task).
            await _socket.SendAsync(Ping.AsMemory(), SocketFlags.None);

            // One reply line. Redis sends PONG in one segment, but TCP may split it: read until the line ends.
            var read = 0;
            while (read == 0 || _reply[read - 1] != (byte)'\n')
            {
                if (read == _reply.Length)
                {
                    throw new InvalidDataException($"Redis answered PING with a line longer than {_reply.Length} bytes: {Text(read)}...");
                }

                var received = await _socket.ReceiveAsync(_reply.AsMemory(read), SocketFlags.None);
                if (received == 0)
                {
                    throw new IOException("Redis closed the connection before answering PING.");
                }

                read += received;
            }

            if (!_reply.AsSpan(0, read).SequenceEqual(Pong))
            {
                // "-NOAUTH Authentication required.", "-LOADING ...": Redis's own reason.
                throw new InvalidDataException($"Redis answered PING with '{Text(read).TrimEnd()}' instead of PONG.");
            }
        }
        catch (Exception error)
        {
            _broken = error.Message;
            _socket.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private string Text(int length) => Encoding.ASCII.GetString(_reply, 0, length);
}
