using Switchboard.Model;
using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Security;

namespace Switchboard.Analysis.Analyzers.Security;

/// <summary>
/// For TCP traffic Istio cannot evaluate HTTP-only fields; in a DENY rule it treats them as matched, so
/// <c>methods: ["POST"]</c> denies every TCP connection to the workload. Flags such rules (without
/// <c>ports</c> to scope them) on workloads that serve a non-HTTP port.
/// </summary>
public sealed class DenyHttpFieldsOnTcpAnalyzer : IAnalyzer
{
    public string Name => "authorizationpolicy.DenyHttpFieldsOnTcpAnalyzer";
    public string Description => "Flags DENY policies whose HTTP-only fields make them deny all TCP traffic";
    public IReadOnlyList<string> Inputs => ["AuthorizationPolicy", "Service", "Pod", "Deployment"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        foreach (var policy in mesh.OfKind<AuthorizationPolicySpec>("AuthorizationPolicy"))
        {
            if (policy.Spec.Action != AuthorizationAction.Deny || policy.Spec.Rules is not { } rules) continue;
            var mapped = Switchboard.Authorization.Policies.AuthzPolicyMapper.From(policy).Rules;
            for (var r = 0; r < rules.Count && r < mapped.Count; r++)
            {
                // The evaluator's own definition of what TCP cannot supply: the warning says exactly what the proxy does.
                var fields = Switchboard.Authorization.Evaluation.HttpOnlyFields.Of(mapped[r]);
                if (fields.Count == 0 || rules[r].To.Any(t => t.Operation is { Ports.Count: > 0 } or { NotPorts.Count: > 0 })) continue;
                var tcp = PolicyScope.Workloads(mesh, policy, policy.Spec.Selector?.MatchLabels)
                    .SelectMany(w => PolicyScope.PortsOf(mesh, w))
                    .FirstOrDefault(p => !Protocols.IsHttp(p.Port.Protocol) && p.Port.Protocol is not null);
                if (tcp.Service is null) continue;
                context.Report(Catalogue.DenyPolicyHttpFieldsOnTcp, policy, $"spec.rules[{r}]", string.Join(", ", fields),
                    $"{tcp.Port.Number} ({tcp.Port.Name})", tcp.Service.Host);
            }
        }
    }
}
