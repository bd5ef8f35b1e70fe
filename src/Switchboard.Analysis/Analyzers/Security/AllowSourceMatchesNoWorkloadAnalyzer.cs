using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Authorization.Evaluation;
using Switchboard.Authorization.Policies;
using Switchboard.Authorization.Requests;
using Switchboard.Config.Binding;
using Switchboard.Config.Security;

namespace Switchboard.Analysis.Analyzers.Security;

/// <summary>
/// An ALLOW rule whose <c>from</c> names identities no workload has — <c>sa/checkout</c> for pods that run as
/// <c>checkout-service</c> — allows nobody from there, and the callers get a silent <c>RBAC: access denied</c>. Each
/// workload's identity is put through the proxy's own evaluator against the rule's identity fields (principals,
/// namespaces, serviceAccounts), so this says exactly what the proxy will decide. A config is often partial (the caller
/// may simply not be in these files), so a source is only reported when it is a near miss: a workload of the same
/// namespace runs as a service account close to the one named (NameSuggester's rule), which is offered as the fix.
/// Sources with wildcards, or that point into namespaces the config describes no workloads for, are not judged.
/// </summary>
public sealed class AllowSourceMatchesNoWorkloadAnalyzer : IAnalyzer
{
    public string Name => "auth.AllowSourceMatchesNoWorkloadAnalyzer";
    public string Description => "Flags ALLOW rules whose sources name identities no workload in the config runs as";
    public IReadOnlyList<string> Inputs => ["AuthorizationPolicy", "Pod", "Deployment", "WorkloadEntry"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        var populated = mesh.Workloads.Select(w => w.Namespace).ToHashSet(StringComparer.Ordinal);
        foreach (var policy in mesh.OfKind<AuthorizationPolicySpec>("AuthorizationPolicy"))
        {
            if ((policy.Spec.Action ?? AuthorizationAction.Allow) != AuthorizationAction.Allow) continue;
            var rules = AuthzPolicyMapper.From(policy).Rules;
            for (var r = 0; r < rules.Count; r++)
            {
                for (var f = 0; f < rules[r].From.Count; f++)
                {
                    var source = rules[r].From[f];
                    if (!Judgeable(source, populated)) continue;
                    var probe = new AuthzPolicy
                    {
                        Name = policy.Name,
                        Namespace = policy.Namespace,
                        Rules = [new AuthzRule { From = [Identity(source)] }],
                    };
                    var trustDomains = source.Principals.Select(SpiffePrincipal.TrustDomain).OfType<string>().Append("cluster.local").Distinct().ToList();
                    var admitted = mesh.Workloads.Any(w => trustDomains.Any(td =>
                        AuthzEvaluator.FirstMatchingRule(probe, new RequestAttributes { SourcePrincipal = $"{td}/ns/{w.Namespace}/sa/{w.ServiceAccount}" }) is not null));
                    if (!admitted && NearMiss(mesh.Workloads, source) is { } suggestion)
                        context.Report(Catalogue.AllowSourceMatchesNoWorkload, policy, $"spec.rules[{r}].from[{f}].source", r, Describe(source), suggestion);
                }
            }
        }
    }

    /// <summary>Only the identity fields: the question is "could any workload be this caller", not "would this request pass".</summary>
    private static AuthzSource Identity(AuthzSource s) =>
        new() { Principals = s.Principals, Namespaces = s.Namespaces, ServiceAccounts = s.ServiceAccounts };

    private static bool Judgeable(AuthzSource s, HashSet<string> populated)
    {
        if (s.Principals.Count + s.Namespaces.Count + s.ServiceAccounts.Count == 0) return false;
        if (s.Principals.Concat(s.Namespaces).Concat(s.ServiceAccounts).Any(p => p.Contains('*'))) return false;
        var namespaces = s.Principals.Select(SpiffePrincipal.Namespace)
            .Concat(s.Namespaces)
            .Concat(s.ServiceAccounts.Select(a => a.Contains('/') ? a[..a.IndexOf('/')] : null));
        return namespaces.All(ns => ns is not null && populated.Contains(ns));
    }

    /// <summary>The first named identity with a close service account in its namespace, spelled as it was written.</summary>
    private static string? NearMiss(IReadOnlyList<Workload> workloads, AuthzSource s)
    {
        string? Closest(string ns, string account) =>
            NameSuggester.Closest(account, workloads.Where(w => w.Namespace == ns).Select(w => w.ServiceAccount).Distinct());
        foreach (var principal in s.Principals)
        {
            var at = principal.LastIndexOf("/sa/", StringComparison.Ordinal);
            if (at < 0 || SpiffePrincipal.Namespace(principal) is not { } ns) continue;
            if (Closest(ns, principal[(at + 4)..]) is { } account) return principal[..(at + 4)] + account;
        }
        foreach (var qualified in s.ServiceAccounts)
        {
            var slash = qualified.IndexOf('/');
            if (slash > 0 && Closest(qualified[..slash], qualified[(slash + 1)..]) is { } account) return $"{qualified[..slash]}/{account}";
        }
        return null;
    }

    private static string Describe(AuthzSource s) =>
        string.Join("; ", new[] { ("principals", s.Principals), ("namespaces", s.Namespaces), ("serviceAccounts", s.ServiceAccounts) }
            .Where(f => f.Item2.Count > 0).Select(f => $"{f.Item1} [{string.Join(", ", f.Item2)}]"));
}
