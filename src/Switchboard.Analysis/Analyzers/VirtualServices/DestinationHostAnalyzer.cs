using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.VirtualServices;

/// <summary>
/// Every VirtualService destination must name a known host (Service or ServiceEntry, short names resolved
/// in the VirtualService's namespace), a port the service has, and a port at all when it has several.
/// </summary>
public sealed class DestinationHostAnalyzer : IAnalyzer
{
    public string Name => "virtualservice.DestinationHostAnalyzer";
    public string Description => "Checks that VirtualService destinations (and mirrors) name existing hosts and ports";
    public IReadOnlyList<string> Inputs => ["VirtualService", "Service", "ServiceEntry"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        foreach (var vs in mesh.OfKind<VirtualServiceSpec>("VirtualService"))
        {
            foreach (var (destination, path, isMirror) in RouteDestinations.Of(vs))
            {
                if (destination.Host is not { Length: > 0 } host) continue;
                var fqdn = mesh.ResolveHost(host, vs.Namespace);
                if (!mesh.HasServiceFor(fqdn))
                {
                    context.Report(Catalogue.ReferencedResourceNotFound, vs, path + ".host", isMirror ? "mirror host" : "host", host, "");
                    continue;
                }
                var ports = mesh.ServicesFor(fqdn).SelectMany(s => s.Ports).Select(p => p.Number).Distinct().Order().ToList();
                if (destination.Port?.Number is { } number)
                {
                    if (ports.Count > 0 && !ports.Contains((int)number))
                        context.Report(Catalogue.ReferencedResourceNotFound, vs, path + ".port", isMirror ? "mirror host:port" : "host:port", $"{host}:{number}", "");
                }
                else if (ports.Count > 1 && !isMirror)
                {
                    context.Report(Catalogue.VirtualServiceDestinationPortSelectorRequired, vs, path, fqdn, string.Join(" ", ports));
                }
            }
        }
    }
}
