using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Security;

namespace Switchboard.Analysis.Analyzers.Security;

/// <summary>
/// <c>source.namespaces</c> naming a namespace the config does not have: a typo that makes an ALLOW rule admit nobody,
/// or a DENY rule guard nothing (Istio's AuthorizationPoliciesAnalyzer reports it as IST0101). Patterns with <c>*</c>
/// are not checked.
/// </summary>
public sealed class AuthorizationNamespaceAnalyzer : IAnalyzer
{
    public string Name => "auth.AuthorizationPoliciesAnalyzer";
    public string Description => "Checks that namespaces named in AuthorizationPolicy sources exist";
    public IReadOnlyList<string> Inputs => ["AuthorizationPolicy", "Namespace"];

    public void Analyze(AnalysisContext context)
    {
        var known = context.Mesh.Namespaces;
        foreach (var policy in context.Mesh.OfKind<AuthorizationPolicySpec>("AuthorizationPolicy"))
        {
            var rules = policy.Spec.Rules ?? [];
            for (var r = 0; r < rules.Count; r++)
            {
                for (var f = 0; f < rules[r].From.Count; f++)
                {
                    var namespaces = rules[r].From[f].Source?.Namespaces ?? [];
                    for (var n = 0; n < namespaces.Count; n++)
                    {
                        if (namespaces[n].Contains('*') || known.Contains(namespaces[n])) continue;
                        context.Report(Catalogue.ReferencedResourceNotFound, policy, $"spec.rules[{r}].from[{f}].source.namespaces[{n}]", "namespace", namespaces[n], "");
                    }
                }
            }
        }
    }
}
