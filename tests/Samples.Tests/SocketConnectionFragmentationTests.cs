using System.Net;
using System.Net.Sockets;
using System.Text;
using PoolBenchmark;

namespace Samples.Tests;

/// <summary>
/// The plain-socket connection reading replies that TCP delivers in pieces. Redis on loopback sends PONG in one
/// segment, so a real redis-server cannot show this; a loopback peer that answers each PING in pieces, with a pause
/// between them, makes every piece arrive in a receive of its own.
/// </summary>
public class SocketConnectionFragmentationTests
{
    private static readonly byte[] PingCommand = "*1\r\n$4\r\nPING\r\n"u8.ToArray();

    [Fact]
    public async Task A_pong_that_arrives_a_byte_at_a_time_is_read_whole_and_the_next_ping_stays_in_step()
    {
        using var listener = Listen();
        string[] pong = ["+", "P", "O", "N", "G", "\r", "\n"];
        var peer = AnswerAsync(listener, [pong, pong, ["+PO", "NG\r\n"]]);

        await using (var connection = await SocketConnection.ConnectAsync(listener.LocalEndpoint)) // the first PING
        {
            await connection.PingAsync();
            await connection.PingAsync();
        }

        await peer.WaitAsync(TimeSpan.FromSeconds(10)); // a peer still waiting for a PING fails the test instead of hanging it
    }

    [Fact]
    public async Task An_error_reply_split_across_segments_is_reported_whole()
    {
        using var listener = Listen();
        var peer = AnswerAsync(listener, [["-LOADING Redis is loa", "ding the dataset in memory\r", "\n"]]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SocketConnection.ConnectAsync(listener.LocalEndpoint));

        Assert.Equal("Redis answered PING with '-LOADING Redis is loading the dataset in memory' instead of PONG.", error.Message);
        await peer.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    /// <summary>Accepts one connection; for each reply, reads one PING command and sends the reply's pieces apart.</summary>
    private static async Task AnswerAsync(TcpListener listener, string[][] replies)
    {
        using var client = await listener.AcceptTcpClientAsync();
        client.NoDelay = true;
        var stream = client.GetStream();
        var command = new byte[PingCommand.Length];
        foreach (var pieces in replies)
        {
            await stream.ReadExactlyAsync(command).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(PingCommand, command);
            foreach (var piece in pieces)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(piece));
                await Task.Delay(20);
            }
        }
    }
}
