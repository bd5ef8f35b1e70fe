using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;

namespace Switchboard.Analysis.Analyzers.Workloads;

/// <summary>
/// UID 1337 is the proxy's: the capture rules let its traffic through untouched, so an application running
/// as 1337 escapes the mesh entirely (the seed's metrics exporter that reached the database directly).
/// </summary>
public sealed class ApplicationUidAnalyzer : IAnalyzer
{
    private const long ProxyUid = 1337;

    public string Name => "deployment.ApplicationUIDAnalyzer";
    public string Description => "Checks that no application container runs as the proxy's UID 1337";
    public IReadOnlyList<string> Inputs => ["Pod", "Deployment"];

    public void Analyze(AnalysisContext context)
    {
        foreach (var workload in context.Mesh.Workloads)
        {
            if (workload.Spec is not { } spec) continue;
            var prefix = workload.Source.Kind.Kind == "Pod" ? "spec" : "spec.template.spec";
            if (spec.SecurityContext?.RunAsUser == ProxyUid)
            {
                context.Report(Catalogue.InvalidApplicationUID, workload.Source, $"{prefix}.securityContext.runAsUser", " (pod securityContext.runAsUser)");
            }
            for (var i = 0; i < spec.Containers.Count; i++)
            {
                var container = spec.Containers[i];
                if (container.Name == "istio-proxy" || container.SecurityContext?.RunAsUser != ProxyUid) continue;
                context.Report(Catalogue.InvalidApplicationUID, workload.Source, $"{prefix}.containers[{i}].securityContext.runAsUser", $" (container {container.Name})");
            }
        }
    }
}
