using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

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

    private SocketConnection(Socket socket) => _socket = socket;

    public static async Task<SocketConnection> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new SocketConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends PING and reads the whole reply; throws with Redis's own words for any reply but PONG.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))] // the main job measures allocations per request
    public async ValueTask PingAsync()
    {
        await _socket.SendAsync(Ping, SocketFlags.None);

        // A reply is one line. Redis sends PONG in one segment, but TCP may split it: read until the line ends.
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

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private string Text(int length) => Encoding.ASCII.GetString(_reply, 0, length);
}
