using Switchboard.Config.Networking;

namespace Switchboard.Model.Building;

/// <summary>
/// Finds the endpoints of each service port, as Kubernetes' endpoints controller and Istio's ServiceEntry
/// controller do:
/// 1. Kubernetes Service: workloads with an address in its namespace matching its selector; the port is the
///    numeric targetPort, or the pod's container port named by targetPort (pods without it are skipped).
///    A WorkloadEntry's <c>ports[servicePortName]</c> wins over targetPort, as Istio maps it.
/// 2. ServiceEntry with <c>endpoints</c>: each inline entry; its <c>ports[portName]</c> else targetPort else the port.
/// 3. ServiceEntry with <c>workloadSelector</c>: pods and WorkloadEntries of its namespace.
/// 4. ServiceEntry resolved by DNS with neither: the host itself, resolved by the proxy.
/// </summary>
internal static class EndpointResolver
{
    public static IReadOnlyList<EndpointModel> For(ServiceModel service, ServicePortModel port, Func<string, IReadOnlyList<WorkloadModel>> workloadsIn)
    {
        var endpoints = service.SourceKind == ServiceSourceKind.KubernetesService
            ? SelectedWorkloads(service, workloadsIn).Select(w => FromWorkload(w, port, kubernetes: true))
            : ForServiceEntry(service, port, workloadsIn);
        return endpoints
            .OfType<EndpointModel>()
            .DistinctBy(e => (e.Address, e.Port))
            .ToList();
    }

    private static IEnumerable<WorkloadModel> SelectedWorkloads(ServiceModel service, Func<string, IReadOnlyList<WorkloadModel>> workloadsIn)
    {
        // Kubernetes treats a missing or empty selector as "endpoints are managed by hand": none here.
        if (service.Selector is not { Count: > 0 } selector) return [];
        return workloadsIn(service.Namespace).Where(w => w.Ip is not null && Selector.Matches(selector, w.Labels));
    }

    private static IEnumerable<EndpointModel?> ForServiceEntry(ServiceModel service, ServicePortModel port, Func<string, IReadOnlyList<WorkloadModel>> workloadsIn)
    {
        var spec = (ServiceEntrySpec)service.Source.SpecObject;
        if (spec.Endpoints.Count > 0) return spec.Endpoints.Select(e => FromInline(e, port));
        if (service.Selector is not null) return SelectedWorkloads(service, workloadsIn).Select(w => FromWorkload(w, port, kubernetes: false));
        if (service.Resolution is ServiceEntryResolution.Dns or ServiceEntryResolution.DnsRoundRobin && !service.Host.Contains('*'))
        {
            // DNS resolution without endpoints: Istio makes the host its own endpoint, looked up when connecting.
            return [new EndpointModel { Address = service.Host, Port = DefaultTarget(port) }];
        }
        // NONE (original destination) and wildcard hosts: the proxy forwards to wherever the caller connected.
        return [];
    }

    private static EndpointModel? FromInline(WorkloadEntrySpec entry, ServicePortModel port)
    {
        if (string.IsNullOrEmpty(entry.Address)) return null;
        var number = port.Name is not null && entry.Ports.TryGetValue(port.Name, out var mapped) ? (int)mapped : DefaultTarget(port);
        return new EndpointModel
        {
            Address = entry.Address,
            Port = number,
            Labels = entry.Labels,
            ServiceAccount = string.IsNullOrEmpty(entry.ServiceAccount) ? null : entry.ServiceAccount,
            Weight = entry.Weight is > 0 and var w ? (int)w : 1,
            HasSidecar = SidecarInjection.IsMeshEndpoint(entry.Labels),
        };
    }

    private static EndpointModel? FromWorkload(WorkloadModel workload, ServicePortModel port, bool kubernetes)
    {
        if (workload.Ip is null) return null;
        var number = TargetOn(workload, port, kubernetes);
        if (number is null) return null;
        return new EndpointModel
        {
            Address = workload.Ip,
            Port = number.Value,
            Labels = workload.Labels,
            ServiceAccount = workload.ServiceAccount,
            Workload = workload.Key,
            Weight = workload.Weight,
            HasSidecar = workload.HasSidecar,
        };
    }

    /// <summary>The port on <paramref name="workload"/> that serves <paramref name="port"/>, or null when it has none.</summary>
    private static int? TargetOn(WorkloadModel workload, ServicePortModel port, bool kubernetes)
    {
        // A WorkloadEntry names its ports after the service's ports; that mapping overrides targetPort.
        if (workload.Kind == WorkloadKind.WorkloadEntry && port.Name is not null && workload.Ports.TryGetValue(port.Name, out var byServicePort))
            return byServicePort;
        if (port.TargetPort is { Name: { } targetName })
        {
            // A named targetPort resolves per workload; Kubernetes leaves out pods that lack the name.
            return kubernetes && workload.Ports.TryGetValue(targetName, out var byName) ? byName : null;
        }
        return DefaultTarget(port);
    }

    private static int DefaultTarget(ServicePortModel port) => port.TargetPort?.Number ?? port.Number;
}
