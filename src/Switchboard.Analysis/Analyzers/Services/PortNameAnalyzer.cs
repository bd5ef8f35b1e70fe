using Switchboard.Model;
using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Kubernetes;

namespace Switchboard.Analysis.Analyzers.Services;

/// <summary>
/// Istio picks a port's protocol from its name (<c>http-web</c>) or appProtocol; anything else is sniffed,
/// and server-first protocols break under sniffing. System namespaces are skipped, as istioctl does.
/// </summary>
public sealed class PortNameAnalyzer : IAnalyzer
{
    private static readonly HashSet<string> SystemNamespaces = ["kube-system", "kube-public", "kube-node-lease", "local-path-storage"];

    public string Name => "service.PortNameAnalyzer";
    public string Description => "Checks that Service port names follow Istio's <protocol>[-suffix] convention";
    public IReadOnlyList<string> Inputs => ["Service"];

    public void Analyze(AnalysisContext context)
    {
        foreach (var svc in context.Mesh.OfKind<ServiceSpec>("Service"))
        {
            if (SystemNamespaces.Contains(svc.Namespace) || svc.Namespace == context.Mesh.RootNamespace) continue;
            for (var i = 0; i < svc.Spec.Ports.Count; i++)
            {
                var port = svc.Spec.Ports[i];
                if (Protocols.Of(port.Name, port.AppProtocol) is not null) continue;
                context.Report(Catalogue.PortNameIsNotUnderNamingConvention, svc, $"spec.ports[{i}]", port.Name ?? "\"\"", port.Port, port.TargetPort?.ToString() ?? port.Port?.ToString());
            }
        }
    }
}
