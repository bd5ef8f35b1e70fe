using Switchboard.Config;
using Switchboard.Config.Kubernetes;

namespace Switchboard.Analysis.Mesh;

/// <summary>
/// Something that runs: a Pod, or the pod template of a Deployment (so config can be checked before
/// any pod exists). Carries what selectors, subsets and identity checks need.
/// </summary>
public sealed record Workload(string Name, string Namespace, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations, PodSpec? Spec, Resource Source, bool Injected)
{
    /// <summary>The service account (Kubernetes default: <c>default</c>).</summary>
    public string ServiceAccount => Spec?.ServiceAccountName ?? Spec?.ServiceAccount ?? "default";

    /// <summary>Gateways are proxies themselves: Istio's charts label them <c>istio: ingressgateway|egressgateway</c>.</summary>
    public bool IsGateway => Labels.TryGetValue("istio", out var role) && role.EndsWith("gateway", StringComparison.Ordinal);
}
