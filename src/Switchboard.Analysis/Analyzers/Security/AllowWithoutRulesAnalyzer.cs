using Switchboard.Model;
using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Security;

namespace Switchboard.Analysis.Analyzers.Security;

/// <summary>
/// An ALLOW policy with no rules matches nothing, and because an ALLOW policy now exists for the workload,
/// every request is denied. Istio documents this as "allow-nothing"; people write it meaning the opposite
/// (the seed's interview question). If it is meant, suppress with galley.istio.io/analyze-suppress: SB0006.
/// </summary>
public sealed class AllowWithoutRulesAnalyzer : IAnalyzer
{
    public string Name => "authorizationpolicy.AllowWithoutRulesAnalyzer";
    public string Description => "Flags ALLOW policies without rules, which deny every request";
    public IReadOnlyList<string> Inputs => ["AuthorizationPolicy"];

    public void Analyze(AnalysisContext context)
    {
        foreach (var policy in context.Mesh.OfKind<AuthorizationPolicySpec>("AuthorizationPolicy"))
        {
            if ((policy.Spec.Action ?? AuthorizationAction.Allow) != AuthorizationAction.Allow || policy.Spec.Rules is { Count: > 0 }) continue;
            var target = policy.Spec.Selector is { MatchLabels.Count: > 0 } s
                ? $"workloads {Selector.Format(s.MatchLabels)} in {policy.Namespace}"
                : policy.Namespace == context.Mesh.RootNamespace ? "every workload in the mesh" : $"every workload in namespace {policy.Namespace}";
            context.Report(Catalogue.AllowPolicyWithoutRules, policy, policy.Source.Has("spec.rules") ? "spec.rules" : "spec", target);
        }
    }
}
