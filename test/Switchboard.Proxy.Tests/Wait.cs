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
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
