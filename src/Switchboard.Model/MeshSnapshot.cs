using Switchboard.Config;
using Switchboard.Model.Building;

namespace Switchboard.Model;

/// <summary>
/// The mesh at one moment, built once from loaded config and never changed: services (Kubernetes Services and
/// ServiceEntry hosts), workloads (Pods, Deployments, WorkloadEntries), endpoints per service port, and the
/// VirtualServices and DestinationRules with their hosts resolved, and the Sidecars. Every list is in a fixed order, so whatever
/// order resources arrive in, the same config gives the same snapshot (and the same translation).
/// </summary>
public sealed class MeshSnapshot
{
    private static readonly IReadOnlyList<ServiceModel> NoServices = [];
    private static readonly IReadOnlyList<EndpointModel> NoEndpoints = [];
    private static readonly IReadOnlyList<DestinationRuleModel> NoRules = [];
    private static readonly IReadOnlyList<WorkloadModel> NoWorkloads = [];
    private static readonly IReadOnlyList<SidecarModel> NoSidecars = [];
    private static readonly IReadOnlyList<Resource<Config.Security.PeerAuthenticationSpec>> NoPeerAuthentications = [];
    private static readonly IReadOnlyList<Resource<Config.Security.AuthorizationPolicySpec>> NoAuthorizationPolicies = [];
    private static readonly IReadOnlyList<Resource<Config.Security.RequestAuthenticationSpec>> NoRequestAuthentications = [];
    private static readonly IReadOnlyList<Resource<Config.Telemetry.TelemetrySpec>> NoTelemetries = [];

    private readonly IReadOnlyDictionary<string, IReadOnlyList<ServiceModel>> _servicesByHost;
    private readonly IReadOnlyDictionary<(ServiceKey Service, int Port), IReadOnlyList<EndpointModel>> _endpoints;
    private readonly IReadOnlyDictionary<string, WorkloadModel> _workloadsByKey;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<WorkloadModel>> _workloadsByNamespace;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<DestinationRuleModel>> _rulesByNamespace;
    private readonly IReadOnlyDictionary<string, VirtualServiceModel> _virtualServicesByKey;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<DestinationRuleModel>> _rulesByHost;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<SidecarModel>> _sidecarsByNamespace;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<Resource<Config.Security.PeerAuthenticationSpec>>> _peerAuthenticationsByNamespace;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<Resource<Config.Security.AuthorizationPolicySpec>>> _authorizationPoliciesByNamespace;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<Resource<Config.Security.RequestAuthenticationSpec>>> _requestAuthenticationsByNamespace;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<Resource<Config.Telemetry.TelemetrySpec>>> _telemetriesByNamespace;
    private readonly IReadOnlyDictionary<string, Resource<Config.Kubernetes.SecretBody>> _secretsByKey;
    private readonly HashSet<string> _namespaceSet;

    internal MeshSnapshot(SnapshotParts parts)
    {
        Options = parts.Options;
        Hosts = parts.Hosts;
        Namespaces = parts.Namespaces;
        Services = parts.Services;
        Workloads = parts.Workloads;
        VirtualServices = parts.VirtualServices;
        DestinationRules = parts.DestinationRules;
        Sidecars = parts.Sidecars;
        _servicesByHost = parts.ServicesByHost;
        _endpoints = parts.Endpoints;
        _workloadsByKey = parts.WorkloadsByKey;
        _workloadsByNamespace = parts.WorkloadsByNamespace;
        _rulesByNamespace = parts.RulesByNamespace;
        _virtualServicesByKey = parts.VirtualServicesByKey;
        _rulesByHost = parts.RulesByHost;
        _sidecarsByNamespace = parts.SidecarsByNamespace;
        _peerAuthenticationsByNamespace = parts.PeerAuthenticationsByNamespace;
        _authorizationPoliciesByNamespace = parts.AuthorizationPoliciesByNamespace;
        _requestAuthenticationsByNamespace = parts.RequestAuthenticationsByNamespace;
        _telemetriesByNamespace = parts.TelemetriesByNamespace;
        Gateways = parts.Gateways;
        _secretsByKey = parts.SecretsByKey;
        _namespaceSet = new HashSet<string>(parts.Namespaces, StringComparer.Ordinal);
    }

    /// <summary>Builds the snapshot of <paramref name="resources"/> (any order; unrelated kinds are ignored).</summary>
    public static MeshSnapshot From(IReadOnlyList<Resource> resources, MeshOptions? options = null) =>
        new(SnapshotBuilder.Build(resources, options ?? MeshConfigReader.Read(resources)));

    public MeshOptions Options { get; }
    public HostNames Hosts { get; }

    /// <summary>Every namespace config mentions (resources' namespaces and Namespace objects), sorted.</summary>
    public IReadOnlyList<string> Namespaces { get; }

    /// <summary>All services, by host, then namespace, then kind.</summary>
    public IReadOnlyList<ServiceModel> Services { get; }

    /// <summary>All workloads, by namespace, then name, then kind.</summary>
    public IReadOnlyList<WorkloadModel> Workloads { get; }

    /// <summary>VirtualServices, oldest first (<see cref="ConfigOrder"/>).</summary>
    public IReadOnlyList<VirtualServiceModel> VirtualServices { get; }

    /// <summary>DestinationRules, oldest first (<see cref="ConfigOrder"/>).</summary>
    public IReadOnlyList<DestinationRuleModel> DestinationRules { get; }

    /// <summary>Sidecars, oldest first (<see cref="ConfigOrder"/>).</summary>
    public IReadOnlyList<SidecarModel> Sidecars { get; }

    /// <summary>Gateways, oldest first (<see cref="ConfigOrder"/>): the gateway role serves those whose selector picks it.</summary>
    public IReadOnlyList<Resource<Config.Networking.GatewaySpec>> Gateways { get; }

    /// <summary>The Secret <paramref name="ns"/>/<paramref name="name"/> (gateway TLS credentials), or null.</summary>
    public Resource<Config.Kubernetes.SecretBody>? FindSecret(string ns, string name) => _secretsByKey.GetValueOrDefault($"{ns}/{name}");

    /// <summary>The FQDN a host written in <paramref name="ns"/> means (short names resolve in that namespace).</summary>
    public string ResolveHost(string host, string ns) => Hosts.Resolve(host, ns, IsNamespace);

    public bool IsNamespace(string ns) => _namespaceSet.Contains(ns);

    /// <summary>Services registered under exactly <paramref name="host"/>: Kubernetes Services first, then ServiceEntries oldest first.</summary>
    public IReadOnlyList<ServiceModel> ServicesFor(string host) => _servicesByHost.GetValueOrDefault(host) ?? NoServices;

    /// <summary>The endpoints of one service port, ordered by address then port.</summary>
    public IReadOnlyList<EndpointModel> EndpointsOf(ServiceModel service, int port) =>
        _endpoints.GetValueOrDefault((service.Key, port)) ?? NoEndpoints;

    /// <summary>
    /// The workload a proxy fronts, by <c>namespace/name</c>: a Pod, else a Deployment (its template), else a WorkloadEntry.
    /// </summary>
    public WorkloadModel? FindWorkload(string namespacedName) => _workloadsByKey.GetValueOrDefault(namespacedName);

    /// <summary>Workloads of one namespace, ordered by name.</summary>
    public IReadOnlyList<WorkloadModel> WorkloadsIn(string ns) => _workloadsByNamespace.GetValueOrDefault(ns) ?? NoWorkloads;

    /// <summary>DestinationRules declared in <paramref name="ns"/>, oldest first.</summary>
    public IReadOnlyList<DestinationRuleModel> DestinationRulesIn(string ns) => _rulesByNamespace.GetValueOrDefault(ns) ?? NoRules;

    /// <summary>DestinationRules whose resolved host is exactly <paramref name="host"/>, oldest first.</summary>
    public IReadOnlyList<DestinationRuleModel> DestinationRulesFor(string host) => _rulesByHost.GetValueOrDefault(host) ?? NoRules;

    /// <summary>Sidecars declared in <paramref name="ns"/>, oldest first.</summary>
    /// <summary>PeerAuthentications of a namespace, oldest first (the oldest wins a tie, as in Istio).</summary>
    public IReadOnlyList<Resource<Config.Security.PeerAuthenticationSpec>> PeerAuthenticationsIn(string ns) => _peerAuthenticationsByNamespace.GetValueOrDefault(ns) ?? NoPeerAuthentications;

    /// <summary>AuthorizationPolicies declared in <paramref name="ns"/>, oldest first.</summary>
    public IReadOnlyList<Resource<Config.Security.AuthorizationPolicySpec>> AuthorizationPoliciesIn(string ns) =>
        _authorizationPoliciesByNamespace.GetValueOrDefault(ns) ?? NoAuthorizationPolicies;
    /// <summary>RequestAuthentications of a namespace, oldest first (all that select a workload are merged).</summary>
    public IReadOnlyList<Resource<Config.Security.RequestAuthenticationSpec>> RequestAuthenticationsIn(string ns) => _requestAuthenticationsByNamespace.GetValueOrDefault(ns) ?? NoRequestAuthentications;

    /// <summary>Telemetry resources of a namespace, oldest first.</summary>
    public IReadOnlyList<Resource<Config.Telemetry.TelemetrySpec>> TelemetriesIn(string ns) => _telemetriesByNamespace.GetValueOrDefault(ns) ?? NoTelemetries;

    public IReadOnlyList<SidecarModel> SidecarsIn(string ns) => _sidecarsByNamespace.GetValueOrDefault(ns) ?? NoSidecars;

    /// <summary>The VirtualService <paramref name="ns"/>/<paramref name="name"/> (delegates are found this way).</summary>
    public VirtualServiceModel? FindVirtualService(string ns, string name) => _virtualServicesByKey.GetValueOrDefault($"{ns}/{name}");
}
