using Switchboard.Model;

namespace Switchboard.Cli.TlsCheck;

/// <summary>
/// The workloads behind one service port, each with the mode its sidecar enforces on the port the traffic lands on
/// (the container port: that is what <c>portLevelMtls</c> names):
/// 1. the port's endpoints (pods and WorkloadEntries with an address, a ServiceEntry's inline endpoints);
/// 2. workloads the service selects that have no address yet (a Deployment's pod template when reading files), so
///    that a check before anything runs still sees the servers.
/// </summary>
public static class ServerSides
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    public static IReadOnlyList<ServerSide> Of(MeshSnapshot snapshot, ServiceModel service, int port)
    {
        var sides = new List<ServerSide>();
        foreach (var endpoint in snapshot.EndpointsOf(service, port))
        {
            // An endpoint's workload lives in the service's namespace; an inline ServiceEntry endpoint has no other.
            var ns = endpoint.Workload?.Split('/')[0] ?? service.Namespace;
            sides.Add(Side(snapshot, endpoint.HasSidecar, ns, endpoint.Labels, endpoint.Port));
        }
        if (service.Selector is not { Count: > 0 } selector || service.FindPort(port) is not { } servicePort) return sides;
        foreach (var workload in snapshot.WorkloadsIn(service.Namespace).Where(w => w.Ip is null && Selector.Matches(selector, w.Labels)))
        {
            if (TargetPort(workload, servicePort) is { } target) sides.Add(Side(snapshot, workload.HasSidecar, workload.Namespace, workload.Labels, target));
        }
        return sides;
    }

    private static ServerSide Side(MeshSnapshot snapshot, bool hasSidecar, string ns, IReadOnlyDictionary<string, string> labels, int port) =>
        new(hasSidecar, MtlsPolicy.For(snapshot, ns, labels, port), MtlsPolicy.For(snapshot, ns, NoLabels).Mode);

    /// <summary>A named targetPort is looked up in the template's container ports; a number (or none: the service port) is used as is.</summary>
    private static int? TargetPort(WorkloadModel workload, ServicePortModel port) =>
        port.TargetPort is { Name: { } name } ? workload.Ports.TryGetValue(name, out var number) ? number : null : port.TargetPort?.Number ?? port.Number;
}
