using Switchboard.Config;

namespace Switchboard.Cli.Commands;

/// <summary>
/// What a user may type for a kind, as kubectl takes it: the kind (any case), its plural, or its short name (<c>svc</c>,
/// <c>po</c>, <c>deploy</c>, <c>vs</c>, <c>dr</c>, …, the ones Kubernetes and Istio's CRDs declare).
/// </summary>
public static class KindNames
{
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["svc"] = "Service", ["po"] = "Pod", ["deploy"] = "Deployment", ["ns"] = "Namespace", ["sa"] = "ServiceAccount", ["cm"] = "ConfigMap",
        ["vs"] = "VirtualService", ["dr"] = "DestinationRule", ["gw"] = "Gateway", ["se"] = "ServiceEntry", ["we"] = "WorkloadEntry",
        ["wg"] = "WorkloadGroup", ["pa"] = "PeerAuthentication", ["ap"] = "AuthorizationPolicy", ["ra"] = "RequestAuthentication",
    };

    /// <summary>The kind <paramref name="typed"/> names, or null.</summary>
    public static KindInfo? Resolve(string typed) =>
        KindRegistry.All.FirstOrDefault(k => k.Kind.Equals(ShortNames.GetValueOrDefault(typed, typed), StringComparison.OrdinalIgnoreCase) || Plural(k.Kind).Equals(typed, StringComparison.OrdinalIgnoreCase));

    private static string Plural(string kind) => kind.EndsWith('y') ? kind[..^1] + "ies" : kind.EndsWith('s') ? kind + "es" : kind + "s";
}
