using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Kubernetes;
using Switchboard.Model;
using Switchboard.Telemetry.AccessLogFormats;

namespace Switchboard.Analysis.Analyzers.Telemetry;

/// <summary>
/// Each <c>envoyFileAccessLog</c> provider's <c>logFormat.text</c> in MeshConfig, compiled with the proxy's own format
/// parser: what passes here is what a proxy accepts, and what fails would be NACKed by every proxy that logs through it.
/// Every problem is reported, located in the format by line and column.
/// </summary>
public sealed class AccessLogFormatAnalyzer : IAnalyzer
{
    public string Name => "telemetry.AccessLogFormatAnalyzer";
    public string Description => "Checks that access-log providers' logFormat.text uses only known Envoy command operators";
    public IReadOnlyList<string> Inputs => ["ConfigMap"];

    public void Analyze(AnalysisContext context)
    {
        if (context.Mesh.Find<ConfigMapBody>("ConfigMap", context.Mesh.RootNamespace, "istio") is not { } configMap) return;
        foreach (var provider in MeshConfigReader.Read(context.Mesh.Resources).Telemetry.Providers)
        {
            if (provider.Kind != "envoyFileAccessLog" || provider.TextFormat is not { } text || LogFormat.TryParse(text, out _, out var errors)) continue;
            foreach (var error in errors) context.Report(Catalogue.InvalidAccessLogFormat, configMap, "data.mesh", provider.Name, error);
        }
    }
}
