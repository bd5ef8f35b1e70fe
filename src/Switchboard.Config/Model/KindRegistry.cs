using Switchboard.Config.Kubernetes;
using Switchboard.Config.Networking;
using Switchboard.Config.Security;
using Switchboard.Config.Telemetry;
using Switchboard.Config.Validation;

namespace Switchboard.Config;

/// <summary>Every kind the loader reads, by API group and kind name, with the versions each is served in.</summary>
public static class KindRegistry
{
    private static readonly string[] NetworkingVersions = ["v1", "v1beta1", "v1alpha3"];
    private static readonly string[] SecurityVersions = ["v1", "v1beta1"];
    private static readonly string[] TelemetryVersions = ["v1", "v1alpha1"];

    public const string Networking = "networking.istio.io";
    public const string Security = "security.istio.io";
    public const string TelemetryGroup = "telemetry.istio.io";

    /// <summary>The kinds, in the order they are documented.</summary>
    public static IReadOnlyList<KindInfo> All { get; } =
    [
        KindInfo.Of<VirtualServiceSpec>(Networking, "VirtualService", NetworkingVersions, validator: new VirtualServiceValidator()),
        KindInfo.Of<DestinationRuleSpec>(Networking, "DestinationRule", NetworkingVersions, validator: new DestinationRuleValidator()),
        KindInfo.Of<GatewaySpec>(Networking, "Gateway", NetworkingVersions, validator: new GatewayValidator()),
        KindInfo.Of<ServiceEntrySpec>(Networking, "ServiceEntry", NetworkingVersions, validator: new ServiceEntryValidator()),
        KindInfo.Of<WorkloadEntrySpec>(Networking, "WorkloadEntry", NetworkingVersions, validator: new WorkloadEntryValidator()),
        KindInfo.Of<WorkloadGroupSpec>(Networking, "WorkloadGroup", NetworkingVersions),
        KindInfo.Of<SidecarSpec>(Networking, "Sidecar", NetworkingVersions, validator: new SidecarValidator()),
        KindInfo.Of<PeerAuthenticationSpec>(Security, "PeerAuthentication", SecurityVersions, validator: new PeerAuthenticationValidator()),
        KindInfo.Of<AuthorizationPolicySpec>(Security, "AuthorizationPolicy", SecurityVersions, validator: new AuthorizationPolicyValidator()),
        KindInfo.Of<RequestAuthenticationSpec>(Security, "RequestAuthentication", SecurityVersions, validator: new RequestAuthenticationValidator()),
        KindInfo.Of<TelemetrySpec>(TelemetryGroup, "Telemetry", TelemetryVersions, validator: new TelemetryValidator()),
        KindInfo.Of<NamespaceBody>("", "Namespace", ["v1"], specField: false, namespaced: false),
        KindInfo.Of<ServiceSpec>("", "Service", ["v1"], validator: new ServiceValidator()),
        KindInfo.Of<PodBody>("", "Pod", ["v1"], specField: false),
        KindInfo.Of<ServiceAccountBody>("", "ServiceAccount", ["v1"], specField: false),
        KindInfo.Of<SecretBody>("", "Secret", ["v1"], specField: false),
        KindInfo.Of<ConfigMapBody>("", "ConfigMap", ["v1"], specField: false),
        KindInfo.Of<DeploymentSpec>("apps", "Deployment", ["v1"]),
        KindInfo.Of<JobSpec>("batch", "Job", ["v1"]),
    ];

    /// <summary>Istio kinds Switchboard knows of but does not implement; loading one says so instead of failing.</summary>
    public static IReadOnlyDictionary<string, string> Unsupported { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["EnvoyFilter"] = "EnvoyFilter patches Envoy's own config; Switchboard's proxy is not Envoy, so it is ignored",
        ["ProxyConfig"] = "ProxyConfig is not supported yet and is ignored",
        ["WasmPlugin"] = "WasmPlugin is not supported and is ignored",
        ["TrafficExtension"] = "TrafficExtension is not supported and is ignored",
    };

    /// <summary>API groups that belong to Istio: an unknown kind there is a typo, not someone else's resource.</summary>
    public static IReadOnlySet<string> IstioGroups { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Networking, Security, TelemetryGroup, "extensions.istio.io",
    };

    private static readonly Dictionary<(string Group, string Kind), KindInfo> ByGroupKind =
        All.ToDictionary(k => (k.Group, k.Kind));

    public static KindInfo? Find(string group, string kind) => ByGroupKind.GetValueOrDefault((group, kind));

    /// <summary>The kind named <paramref name="kind"/> in any group (for <c>sbctl get</c> and suppressions).</summary>
    public static KindInfo? FindByName(string kind) => All.FirstOrDefault(k => string.Equals(k.Kind, kind, StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<string> KindsInGroup(string group) =>
        All.Where(k => k.Group == group).Select(k => k.Kind).Concat(group == "extensions.istio.io" ? ["WasmPlugin", "TrafficExtension"] : []);

    /// <summary>Splits <c>group/version</c> (core kinds have just <c>version</c>).</summary>
    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }
}
