using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Config.Networking;

namespace Switchboard.Model.Building;

/// <summary>Turns Kubernetes Services and ServiceEntries (one model per host) into <see cref="ServiceModel"/>s.</summary>
internal static class ServiceCollector
{
    public static IEnumerable<ServiceModel> From(Resource resource, int ordinal, HostNames hosts) => resource switch
    {
        Resource<ServiceSpec> service => [FromService(service, ordinal, hosts)],
        Resource<ServiceEntrySpec> entry => FromServiceEntry(entry, ordinal),
        _ => [],
    };

    private static ServiceModel FromService(Resource<ServiceSpec> service, int ordinal, HostNames hosts)
    {
        var spec = service.Spec;
        var ports = spec.Ports
            // Istio's registry skips UDP service ports: the mesh carries TCP only.
            .Where(p => p.Port is not null && !string.Equals(p.Protocol, "UDP", StringComparison.OrdinalIgnoreCase))
            .Select(p => new ServicePortModel
            {
                Number = p.Port!.Value,
                Name = p.Name,
                Protocol = Protocols.Of(p.Name, p.AppProtocol),
                TargetPort = p.TargetPort is { } t ? new PortTarget(t.Number, t.Name) : null,
            })
            .ToList();
        var addresses = (spec.ClusterIPs.Count > 0 ? spec.ClusterIPs : spec.ClusterIP is { } ip ? [ip] : [])
            .Where(a => a.Length > 0 && a != "None")
            .ToList();
        return new ServiceModel
        {
            Host = $"{service.Name}.{service.Namespace}.svc.{hosts.ClusterDomain}",
            Name = service.Name,
            Namespace = service.Namespace,
            SourceKind = ServiceSourceKind.KubernetesService,
            Ports = ports,
            Selector = spec.Selector,
            Addresses = addresses,
            ExportTo = ExportTo.ParseAnnotation(service.Annotations),
            Source = service,
            Ordinal = ordinal,
        };
    }

    private static IEnumerable<ServiceModel> FromServiceEntry(Resource<ServiceEntrySpec> entry, int ordinal)
    {
        var spec = entry.Spec;
        var ports = spec.Ports
            .Select(p => new ServicePortModel
            {
                Number = (int)p.Number,
                Name = p.Name,
                // A ServiceEntry states its protocol (HTTP, GRPC, TCP, …); unset means sniffed.
                Protocol = string.IsNullOrEmpty(p.Protocol) ? null : p.Protocol.ToLowerInvariant(),
                TargetPort = p.TargetPort is { } t ? PortTarget.Of((int)t) : null,
            })
            .ToList();
        // Hosts are names as written: a ServiceEntry host is never short-name resolved.
        foreach (var host in spec.Hosts.Distinct(StringComparer.Ordinal))
        {
            yield return new ServiceModel
            {
                Host = host,
                Name = host,
                Namespace = entry.Namespace,
                SourceKind = ServiceSourceKind.ServiceEntry,
                Ports = ports,
                Selector = spec.WorkloadSelector?.Labels,
                Addresses = spec.Addresses,
                ExportTo = spec.ExportTo,
                Resolution = spec.Resolution ?? ServiceEntryResolution.None,
                Location = spec.Location ?? ServiceEntryLocation.MeshExternal,
                Source = entry,
                Ordinal = ordinal,
            };
        }
    }
}
