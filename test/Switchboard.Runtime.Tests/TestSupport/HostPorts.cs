using System.Net;
using System.Net.Sockets;

namespace Switchboard.Runtime.Tests.TestSupport;

/// <summary>Free ports on the host's loopback for the control planes and gateways the end-to-end tests start, and polling.</summary>
public static class HostPorts
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A gateway port offset that puts a gateway's 80 and 443 on free host ports.</summary>
    public static int FreeOffset()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var offset = Random.Shared.Next(20000, 40000);
            if (IsFree(80 + offset) && IsFree(443 + offset)) return offset;
        }
        throw new InvalidOperationException("no free host ports for the gateway");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 200 ms until it holds (true) or <paramref name="token"/> ends (false).</summary>
    public static async Task<bool> Until(Func<Task<bool>> condition, CancellationToken token)
    {
        while (!await condition())
        {
            if (token.IsCancellationRequested) return false;
            await Task.Delay(200, CancellationToken.None);
        }
        return true;
    }

    public static Task<bool> Until(Func<bool> condition, CancellationToken token) => Until(() => Task.FromResult(condition()), token);
}
