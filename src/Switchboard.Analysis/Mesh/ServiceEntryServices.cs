using Switchboard.Config;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Mesh;

/// <summary>The services a ServiceEntry declares: one per host, sharing its ports and workload selector.</summary>
public static class ServiceEntryServices
{
    public static IEnumerable<MeshService> From(Resource<ServiceEntrySpec> se)
    {
        var ports = se.Spec.Ports
            .Select(p => new MeshServicePort((int)p.Number, p.Name, p.Protocol?.ToLowerInvariant(), p.TargetPort?.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var host in se.Spec.Hosts)
        {
            yield return new MeshService(host, host, se.Namespace, ports, se.Spec.WorkloadSelector?.Labels, se);
        }
    }
}
