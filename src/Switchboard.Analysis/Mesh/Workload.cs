using Switchboard.Config;
using Switchboard.Config.Kubernetes;

namespace Switchboard.Analysis.Mesh;

/// <summary>
/// Something that runs: a Pod, the pod template of a Deployment (so config can be checked before any
/// pod exists), or a WorkloadEntry (a VM). Carries what selectors, subsets and identity checks need;
/// <c>Injected</c>: a sidecar runs beside it (<see cref="Switchboard.Model.SidecarInjection"/>).
/// </summary>
public sealed record Workload(string Name, string Namespace, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations, string ServiceAccount, PodSpec? Spec, Resource Source, bool Injected)
{
    /// <summary>A pod's service account as Kubernetes resolves it (default: <c>default</c>).</summary>
    public static string ServiceAccountOf(PodSpec? spec) => spec?.ServiceAccountName ?? spec?.ServiceAccount ?? "default";

    /// <summary>Gateways are proxies themselves: Istio's charts label them <c>istio: ingressgateway|egressgateway</c>.</summary>
    public bool IsGateway => Labels.TryGetValue("istio", out var role) && role.EndsWith("gateway", StringComparison.Ordinal);
}
