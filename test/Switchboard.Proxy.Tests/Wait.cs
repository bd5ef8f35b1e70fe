using System.Net;
using System.Net.Sockets;

namespace Switchboard.Proxy.Tests;

/// <summary>Waiting for something a real process or host does in its own time, and a free loopback port to give it.</summary>
public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms for up to <paramref name="seconds"/>; a refused connection counts as "not yet".</summary>
    public static async Task<bool> Until(Func<Task<bool>> condition, int seconds = 15)
    {
        for (var i = 0; i < seconds * 10; i++)
        {
            try
            {
                if (await condition()) return true;
            }
            catch (HttpRequestException)
            {
                // not yet
            }
            await Task.Delay(100);
        }
        return false;
    }

    /// <summary>A port free on 127.0.0.1 now (for listeners that must keep their port across restarts).</summary>
    public static int FreePort()
    {
        // Below the kernel's ephemeral range (32768 on, net.ipv4.ip_local_port_range): a port from that range, once the
        // probe releases it, can be taken by any outgoing connection of a parallel test before the process binds it.
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(20000, 32768);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }
        throw new InvalidOperationException("no free port on 127.0.0.1 in 20000-32767");
    }
}
