using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Security;

namespace Switchboard.Analysis.Analyzers.Security;

/// <summary><c>principals: ["*"]</c> in an ALLOW rule admits any authenticated caller: the identity check the policy exists for is gone.</summary>
public sealed class WildcardPrincipalAnalyzer : IAnalyzer
{
    public string Name => "authorizationpolicy.WildcardPrincipalAnalyzer";
    public string Description => "Flags ALLOW policies whose principals are the wildcard *";
    public IReadOnlyList<string> Inputs => ["AuthorizationPolicy"];

    public void Analyze(AnalysisContext context)
    {
        foreach (var policy in context.Mesh.OfKind<AuthorizationPolicySpec>("AuthorizationPolicy"))
        {
            if ((policy.Spec.Action ?? AuthorizationAction.Allow) != AuthorizationAction.Allow || policy.Spec.Rules is not { } rules) continue;
            for (var r = 0; r < rules.Count; r++)
            {
                for (var f = 0; f < rules[r].From.Count; f++)
                {
                    var principals = rules[r].From[f].Source?.Principals ?? [];
                    var star = principals.ToList().IndexOf("*");
                    if (star >= 0)
                        context.Report(Catalogue.WildcardPrincipal, policy, $"spec.rules[{r}].from[{f}].source.principals[{star}]", $"principals: [\"*\"] in rule {r}");
                }
            }
        }
    }
}
