using Switchboard.Model;
using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config;
using Switchboard.Config.Networking;
using Switchboard.Config.Security;
using Switchboard.Config.Telemetry;

namespace Switchboard.Analysis.Analyzers.Workloads;

/// <summary>
/// A policy whose selector matches no workload protects nothing (the seed's <c>app: payments</c> policy
/// when the pods are labelled <c>app: payment-service</c>). Namespaces the config describes no workloads
/// for are skipped: absence there says nothing.
/// </summary>
public sealed class NoMatchingWorkloadsAnalyzer : IAnalyzer
{
    public string Name => "selector.NoMatchingWorkloadsAnalyzer";
    public string Description => "Checks that workload selectors of policies, Sidecars, Telemetry and DestinationRules match a workload";
    public IReadOnlyList<string> Inputs => ["AuthorizationPolicy", "PeerAuthentication", "RequestAuthentication", "Telemetry", "Sidecar", "DestinationRule", "Pod", "Deployment", "WorkloadEntry"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        var populated = mesh.Workloads.Select(w => w.Namespace).ToHashSet(StringComparer.Ordinal);
        foreach (var (resource, selector, path) in Selectors(mesh))
        {
            if (selector is not { Count: > 0 }) continue;
            // In the root namespace a selector picks workloads in every namespace.
            var ns = resource.Namespace == mesh.RootNamespace ? null : resource.Namespace;
            if (ns is not null && !populated.Contains(ns)) continue;
            if (mesh.Select(ns, selector).Any()) continue;
            context.Report(Catalogue.NoMatchingWorkloadsFound, resource, path, Selector.Format(selector));
        }
    }

    private static IEnumerable<(Resource Resource, IReadOnlyDictionary<string, string>? Selector, string Path)> Selectors(MeshIndex mesh)
    {
        foreach (var r in mesh.OfKind<AuthorizationPolicySpec>("AuthorizationPolicy")) yield return (r, r.Spec.Selector?.MatchLabels, "spec.selector");
        foreach (var r in mesh.OfKind<PeerAuthenticationSpec>("PeerAuthentication")) yield return (r, r.Spec.Selector?.MatchLabels, "spec.selector");
        foreach (var r in mesh.OfKind<RequestAuthenticationSpec>("RequestAuthentication")) yield return (r, r.Spec.Selector?.MatchLabels, "spec.selector");
        foreach (var r in mesh.OfKind<TelemetrySpec>("Telemetry")) yield return (r, r.Spec.Selector?.MatchLabels, "spec.selector");
        foreach (var r in mesh.OfKind<SidecarSpec>("Sidecar")) yield return (r, r.Spec.WorkloadSelector?.Labels, "spec.workloadSelector");
        foreach (var r in mesh.OfKind<DestinationRuleSpec>("DestinationRule")) yield return (r, r.Spec.WorkloadSelector?.MatchLabels, "spec.workloadSelector");
    }
}
