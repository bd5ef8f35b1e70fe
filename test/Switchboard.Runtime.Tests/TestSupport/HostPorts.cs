using System.Net;
using System.Net.Sockets;

namespace Switchboard.Runtime.Tests.TestSupport;

/// <summary>Free ports on the host's loopback for the control planes and gateways the end-to-end tests start, and polling.</summary>
public static class HostPorts
{
    /// <summary>A port free on 127.0.0.1 now, for a control plane or gateway a test starts.</summary>
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


    /// <summary>A gateway port offset that puts a gateway's 80 and 443 on free host ports.</summary>
    public static int FreeOffset()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var offset = Random.Shared.Next(20000, 32300); // 80 and 443 above it stay below the ephemeral range (see FreePort)
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
