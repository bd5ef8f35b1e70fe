using System.Net;
using System.Net.Sockets;
using System.Text;
using Switchboard.Runtime.Capture;

namespace Switchboard.Runtime.Tests.TestSupport;

/// <summary>
/// A TCP listener created inside a network namespace that answers every connection with a tiny HTTP response whose body is
/// "NAME ORIGINAL-DESTINATION", read with <see cref="OriginalDestination.Get"/> on the accepted socket ("-" when there is none).
/// </summary>
internal sealed class OriginalDestinationServer : IDisposable
{
    private readonly Socket _listener;
    private readonly string _name;
    private readonly CancellationTokenSource _stop = new();

    public OriginalDestinationServer(string ns, int port, string name)
    {
        _name = name;
        _listener = NetworkNamespace.Run(ns, () =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            socket.Listen();
            return socket;
        });
        _ = ServeAsync();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = AnswerAsync(accepted);
        }
    }

    private async Task AnswerAsync(Socket accepted)
    {
        try
        {
            await AnswerCoreAsync(accepted);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The client went away or the server is stopping; the test asserts on what the client saw.
        }
    }

    private async Task AnswerCoreAsync(Socket accepted)
    {
        using (accepted)
        {
            var body = $"{_name} {OriginalDestination.Get(accepted)?.ToString() ?? "-"}";
            // Read the request head first so closing does not reset the connection under curl.
            var buffer = new byte[4096];
            var received = 0;
            while (received < buffer.Length && !Encoding.ASCII.GetString(buffer, 0, received).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await accepted.ReceiveAsync(buffer.AsMemory(received), _stop.Token);
                if (n == 0) break;
                received += n;
            }
            var response = $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
            await accepted.SendAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
            accepted.Shutdown(SocketShutdown.Both);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
    }
}
