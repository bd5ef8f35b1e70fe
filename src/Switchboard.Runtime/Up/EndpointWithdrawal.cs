using Switchboard.ControlPlane.Discovery;
using Switchboard.Discovery;

namespace Switchboard.Runtime.Up;

/// <summary>
/// Waits, before a pod's app is stopped, until no other proxy still holds it as an endpoint — what a preStop sleep
/// approximates in Kubernetes, made exact here because the control plane runs in the same process: it knows what each
/// proxy has acknowledged. Callers then stop choosing the pod before it stops answering, so scaling down costs no 503s.
/// Bounded: a proxy that never acknowledges (disconnected, rejecting config) cannot hold a pod up forever.
/// </summary>
public static class EndpointWithdrawal
{
    public static async Task<bool> WaitAsync(DiscoveryServer discovery, string workload, TimeSpan timeout, CancellationToken token = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
        deadline.CancelAfter(timeout);
        try
        {
            while (discovery.Connections.Any(c => c.Id != workload && Holds(c, workload))) await Task.Delay(50, deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return false;
        }
    }

    private static bool Holds(ProxyConnection connection, string workload)
    {
        if (connection.Self is not { } self) return false;
        var held = HeldResources.From(connection.Held.Values);
        return held.Complete && held.ToConfig(self).Endpoints.Any(c => c.Endpoints.Any(e => e.Workload == workload));
    }
}
