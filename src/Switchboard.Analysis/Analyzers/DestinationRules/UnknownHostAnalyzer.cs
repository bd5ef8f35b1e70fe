using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.DestinationRules;

/// <summary>A DestinationRule whose host matches no Service or ServiceEntry applies to nothing (usually a typo or a deleted service).</summary>
public sealed class UnknownHostAnalyzer : IAnalyzer
{
    public string Name => "destinationrule.UnknownHostAnalyzer";
    public string Description => "Checks that DestinationRule hosts match a Service or ServiceEntry";
    public IReadOnlyList<string> Inputs => ["DestinationRule", "Service", "ServiceEntry"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        foreach (var dr in mesh.OfKind<DestinationRuleSpec>("DestinationRule"))
        {
            if (dr.Spec.Host is not { Length: > 0 } host) continue;
            var fqdn = mesh.ResolveHost(host, dr.Namespace);
            if (!mesh.HasServiceFor(fqdn)) context.Report(Catalogue.UnknownDestinationRuleHost, dr, "spec.host", host);
        }
    }
}
