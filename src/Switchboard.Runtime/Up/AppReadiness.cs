using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Up;

/// <summary>
/// Whether a pod's app accepts connections on its declared port, checked from inside the pod's namespace (on loopback,
/// where the sidecar forwards inbound traffic; loopback is never captured): a tcpSocket readiness probe. The runtime
/// publishes a pod's address as an endpoint only once this holds, so scaling up costs callers no refused connections.
/// </summary>
public static class AppReadiness
{
    public static async Task<bool> WaitAsync(IProcessRunner processes, string netns, int port, TimeSpan timeout, CancellationToken token)
    {
        // bash's /dev/tcp: a plain connect, with nothing to install.
        var probe = new ProcessCommand("ip", "netns", "exec", netns, "bash", "-c", $"exec 3<>/dev/tcp/127.0.0.1/{port}");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
        deadline.CancelAfter(timeout);
        try
        {
            while (!(await processes.RunAsync(probe, deadline.Token)).Succeeded) await Task.Delay(100, deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return false;
        }
    }
}
