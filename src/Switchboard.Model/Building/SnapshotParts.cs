using Switchboard.Config;

namespace Switchboard.Model.Building;

/// <summary>The indexes a <see cref="MeshSnapshot"/> is made of, assembled by <see cref="SnapshotBuilder"/>.</summary>
internal sealed record SnapshotParts
{
    public required MeshOptions Options { get; init; }
    public required HostNames Hosts { get; init; }
    public required IReadOnlyList<string> Namespaces { get; init; }
    public required IReadOnlyList<ServiceModel> Services { get; init; }
    public required IReadOnlyList<WorkloadModel> Workloads { get; init; }
    public required IReadOnlyList<VirtualServiceModel> VirtualServices { get; init; }
    public required IReadOnlyList<DestinationRuleModel> DestinationRules { get; init; }
    public required IReadOnlyList<SidecarModel> Sidecars { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<ServiceModel>> ServicesByHost { get; init; }
    public required IReadOnlyDictionary<(ServiceKey Service, int Port), IReadOnlyList<EndpointModel>> Endpoints { get; init; }
    public required IReadOnlyDictionary<string, WorkloadModel> WorkloadsByKey { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<WorkloadModel>> WorkloadsByNamespace { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<DestinationRuleModel>> RulesByNamespace { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<DestinationRuleModel>> RulesByHost { get; init; }
    public required IReadOnlyDictionary<string, VirtualServiceModel> VirtualServicesByKey { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<SidecarModel>> SidecarsByNamespace { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<Resource<Config.Security.PeerAuthenticationSpec>>> PeerAuthenticationsByNamespace { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<Resource<Config.Security.AuthorizationPolicySpec>>> AuthorizationPoliciesByNamespace { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<Resource<Config.Security.RequestAuthenticationSpec>>> RequestAuthenticationsByNamespace { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<Resource<Config.Telemetry.TelemetrySpec>>> TelemetriesByNamespace { get; init; }
    public required IReadOnlyList<Resource<Config.Networking.GatewaySpec>> Gateways { get; init; }
    public required IReadOnlyDictionary<string, Resource<Config.Kubernetes.SecretBody>> SecretsByKey { get; init; }
}
