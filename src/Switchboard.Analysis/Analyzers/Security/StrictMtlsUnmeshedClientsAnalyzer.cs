using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Analysis.Mesh;
using Switchboard.Config;
using Switchboard.Config.Security;
using Switchboard.Model;

namespace Switchboard.Analysis.Analyzers.Security;

/// <summary>
/// The migration pitfall of the seed's mTLS section: a workload in STRICT mode refuses every caller without a sidecar
/// (the connection is reset, with no HTTP status to explain it). Reports each PeerAuthentication whose
/// <c>spec.mtls.mode</c> is STRICT (mesh-, namespace- or workload-wide) while another namespace runs a workload
/// without a sidecar, naming up to three such namespaces. Config cannot say who calls whom, and a caller without a
/// sidecar is bound by no exportTo or Sidecar scope, so any of them may call. Not counted:
/// the policy's own namespace (whoever sets STRICT there decides its injection too, and an unmeshed pod there, like
/// the seed's debug pod, is usually deliberate); the root namespace (the control plane); Kubernetes' own
/// <c>kube-*</c> namespaces; gateways, which are proxies and speak mTLS.
/// </summary>
public sealed class StrictMtlsUnmeshedClientsAnalyzer : IAnalyzer
{
    private const int Listed = 3;

    public string Name => "peerauthentication.StrictMtlsUnmeshedClientsAnalyzer";
    public string Description => "Flags STRICT PeerAuthentications while other namespaces run workloads without a sidecar";
    public IReadOnlyList<string> Inputs => ["PeerAuthentication", "Namespace", "Pod", "Deployment", "WorkloadEntry"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        var unmeshed = mesh.Workloads.Where(w => !w.Injected && !w.IsGateway && Counts(w.Namespace, mesh.RootNamespace))
            .Select(w => w.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unmeshed.Count == 0) return;
        foreach (var policy in mesh.OfKind<PeerAuthenticationSpec>("PeerAuthentication").Where(p => p.Spec.Mtls?.Mode == MtlsMode.Strict))
        {
            // Istio ignores selector policies in the root namespace (reference/istio-api.md §2.1): they enforce nothing.
            if (policy.Namespace == mesh.RootNamespace && policy.Spec.Selector is { MatchLabels.Count: > 0 }) continue;
            var callers = unmeshed.Where(ns => ns != policy.Namespace).ToList();
            if (callers.Count == 0) continue;
            context.Report(Catalogue.StrictMtlsWithUnmeshedClients, policy, "spec.mtls.mode", Scope(policy, mesh), Namespaces(callers));
        }
    }

    private static bool Counts(string ns, string rootNamespace) => ns != rootNamespace && !ns.StartsWith("kube-", StringComparison.Ordinal);

    private static string Scope(Resource<PeerAuthenticationSpec> policy, MeshIndex mesh) => policy.Spec.Selector is { MatchLabels.Count: > 0 } selector
        ? $"Workload selector {Selector.Format(selector.MatchLabels)} in namespace {policy.Namespace}"
        : policy.Namespace == mesh.RootNamespace ? "The whole mesh" : $"Namespace {policy.Namespace}";

    private static string Namespaces(IReadOnlyList<string> names)
    {
        var shown = string.Join(", ", names.Take(Listed));
        var more = names.Count > Listed ? $" (and {names.Count - Listed} more)" : "";
        return $"{(names.Count == 1 ? "namespace" : "namespaces")} {shown}{more}";
    }
}
