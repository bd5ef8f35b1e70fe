using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.DestinationRules;

/// <summary>
/// SIMPLE or MUTUAL upstream TLS without <c>caCertificates</c> (or a credential carrying a CA) does not
/// verify the server, so anyone on the path can impersonate it (IST0128 at rule level, IST0129 per port).
/// </summary>
public sealed class CaCertificateAnalyzer : IAnalyzer
{
    public string Name => "destinationrule.CaCertificateAnalyzer";
    public string Description => "Checks that DestinationRules originating TLS set caCertificates to verify the server";
    public IReadOnlyList<string> Inputs => ["DestinationRule"];

    public void Analyze(AnalysisContext context)
    {
        foreach (var dr in context.Mesh.OfKind<DestinationRuleSpec>("DestinationRule"))
        {
            var policy = dr.Spec.TrafficPolicy;
            if (policy is null) continue;
            if (Unverified(policy.Tls))
            {
                context.Report(Catalogue.NoServerCertificateVerificationDestinationLevel, dr, "spec.trafficPolicy.tls",
                    dr.Name, dr.Namespace, Mode(policy.Tls!), dr.Spec.Host);
            }
            for (var i = 0; i < policy.PortLevelSettings.Count; i++)
            {
                var port = policy.PortLevelSettings[i];
                if (Unverified(port.Tls))
                {
                    context.Report(Catalogue.NoServerCertificateVerificationPortLevel, dr, $"spec.trafficPolicy.portLevelSettings[{i}].tls",
                        dr.Name, dr.Namespace, Mode(port.Tls!), dr.Spec.Host, port.Port?.Number);
                }
            }
        }
    }

    private static bool Unverified(ClientTlsSettings? tls) =>
        tls is { Mode: ClientTlsMode.Simple or ClientTlsMode.Mutual } && string.IsNullOrEmpty(tls.CaCertificates) && string.IsNullOrEmpty(tls.CredentialName);

    private static string Mode(ClientTlsSettings tls) => tls.Mode == ClientTlsMode.Simple ? "SIMPLE" : "MUTUAL";
}
