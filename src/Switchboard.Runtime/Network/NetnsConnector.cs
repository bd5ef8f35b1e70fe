using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Switchboard.Runtime.Network;

/// <summary>
/// Opens a TCP connection from inside another network namespace: how sbctl reaches a pod's admin port, which listens
/// on the pod's own loopback only (as Envoy's 15000 does). A socket belongs to the namespace its creating thread was in,
/// so a dedicated thread enters the namespace (<c>setns</c>), creates and connects the socket, and ends; the connected
/// socket is then used from anywhere. The thread is never reused, so nothing else runs in the pod's namespace.
/// </summary>
public static partial class NetnsConnector
{
    private const int CloneNewNet = 0x40000000;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);

    public static Task<Socket> ConnectAsync(string netns, IPEndPoint endpoint, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(PodNamespaces.PathOf(netns));
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                    throw new IOException($"cannot enter network namespace {netns} (errno {Marshal.GetLastPInvokeError()}; root is needed)");
                var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    var connect = socket.BeginConnect(endpoint, null, null);
                    if (!connect.AsyncWaitHandle.WaitOne(timeout)) throw new TimeoutException($"{endpoint} in {netns} did not answer within {timeout.TotalSeconds:0}s");
                    socket.EndConnect(connect);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
                done.SetResult(socket);
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = "netns-connect" };
        thread.Start();
        return done.Task;
    }
}
