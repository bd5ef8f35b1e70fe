using Switchboard.Model;
using Switchboard.Config;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Mesh;

/// <summary>Resolves gateway references (<c>name</c> or <c>ns/name</c>) and a Gateway's server hosts (<c>[ns/]host</c>).</summary>
public static class GatewayRefs
{
    /// <summary>The namespace and name a VirtualService's gateway reference points at.</summary>
    public static (string Namespace, string Name) Parse(string reference, string vsNamespace)
    {
        var slash = reference.IndexOf('/');
        return slash < 0 ? (vsNamespace, reference) : (reference[..slash], reference[(slash + 1)..]);
    }

    /// <summary>Gateway references of a VirtualService (top level and per match), with their field paths; <c>mesh</c> excluded.</summary>
    public static IEnumerable<(string Reference, string Path)> Of(VirtualServiceSpec spec)
    {
        for (var i = 0; i < spec.Gateways.Count; i++)
        {
            if (spec.Gateways[i] != "mesh") yield return (spec.Gateways[i], $"spec.gateways[{i}]");
        }
        for (var r = 0; r < spec.Http.Count; r++)
        {
            for (var m = 0; m < spec.Http[r].Match.Count; m++)
            {
                var gateways = spec.Http[r].Match[m].Gateways;
                for (var g = 0; g < gateways.Count; g++)
                {
                    if (gateways[g] != "mesh") yield return (gateways[g], $"spec.http[{r}].match[{m}].gateways[{g}]");
                }
            }
        }
    }

    /// <summary>True when server host <paramref name="serverHost"/> (<c>[ns/]dnsName</c>) admits VirtualService host <paramref name="vsHost"/> from <paramref name="vsNamespace"/>.</summary>
    public static bool Admits(string serverHost, string gatewayNamespace, string vsHost, string vsNamespace)
    {
        var slash = serverHost.IndexOf('/');
        var ns = slash < 0 ? "*" : serverHost[..slash];
        var host = slash < 0 ? serverHost : serverHost[(slash + 1)..];
        if (ns == "." && vsNamespace != gatewayNamespace) return false;
        if (ns != "*" && ns != "." && ns != vsNamespace) return false;
        return HostNames.Covers(host, vsHost) || (vsHost.StartsWith("*.", StringComparison.Ordinal) && HostNames.Covers(host, vsHost));
    }

    /// <summary>The host part of <c>[ns/]host</c>.</summary>
    public static string HostPart(string serverHost) => serverHost.Contains('/') ? serverHost[(serverHost.IndexOf('/') + 1)..] : serverHost;

    public static Resource<GatewaySpec>? Find(MeshIndex mesh, string ns, string name) => mesh.Find<GatewaySpec>("Gateway", ns, name);
}
