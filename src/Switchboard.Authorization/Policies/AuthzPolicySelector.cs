using Switchboard.Config;
using Switchboard.Config.Security;
using Switchboard.Model;

namespace Switchboard.Authorization.Policies;

/// <summary>
/// Which AuthorizationPolicies apply to a workload (authorization_policy.proto, <c>selector</c>):
/// <list type="number">
/// <item>a policy in the workload's namespace whose selector matches its labels;</item>
/// <item>a policy in the workload's namespace without a selector (namespace-wide);</item>
/// <item>a policy in the root namespace without a selector (mesh-wide), and one with a selector, which
/// "additionally matches workloads in all namespaces" (the proto's wording; see also istio/istio#51556).</item>
/// </list>
/// Policies are additive: every applicable one is returned. <c>targetRef</c>/<c>targetRefs</c> bind a policy to
/// gateways and waypoints, which Switchboard's sidecar does not implement: such a policy applies to no workload
/// here (Istio does not apply it to sidecars either) and is listed in <see cref="AuthzPolicySelection.Unsupported"/>.
/// </summary>
public static class AuthzPolicySelector
{
    public static AuthzPolicySelection For(MeshSnapshot snapshot, string ns, IReadOnlyDictionary<string, string> labels)
    {
        var root = snapshot.Options.RootNamespace;
        var candidates = ns == root
            ? snapshot.AuthorizationPoliciesIn(root)
            : snapshot.AuthorizationPoliciesIn(root).Concat(snapshot.AuthorizationPoliciesIn(ns));
        return For(candidates, root, ns, labels);
    }

    /// <summary>The same selection over a plain list of resources (e.g. straight from the loader).</summary>
    public static AuthzPolicySelection For(
        IEnumerable<Resource<AuthorizationPolicySpec>> policies, string rootNamespace, string ns, IReadOnlyDictionary<string, string> labels)
    {
        var applicable = new List<Resource<AuthorizationPolicySpec>>();
        var unsupported = new List<string>();
        foreach (var policy in policies)
        {
            if (policy.Namespace != ns && policy.Namespace != rootNamespace) continue;
            if (policy.Spec.TargetRefs.Count > 0 || policy.Spec.TargetRef is not null)
            {
                unsupported.Add($"{policy.Namespace}/{policy.Name}");
                continue;
            }
            var selector = policy.Spec.Selector?.MatchLabels;
            if (selector is { Count: > 0 } && !Selector.Matches(selector, labels)) continue;
            applicable.Add(policy);
        }
        return new AuthzPolicySelection
        {
            Policies = applicable
                .OrderBy(p => p.Namespace == rootNamespace ? 0 : 1)
                .ThenBy(p => p.Name, StringComparer.Ordinal)
                .Select(AuthzPolicyMapper.From)
                .ToList(),
            Unsupported = unsupported.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        };
    }
}
