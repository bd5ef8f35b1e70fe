using Switchboard.Config;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Mesh;

/// <summary>A destination named by a VirtualService, with the field path it sits at and whether it is a mirror.</summary>
public sealed record RouteDestinationRef(Destination Destination, string Path, bool IsMirror);

/// <summary>Walks every destination of a VirtualService (http, tcp and tls routes, mirror and mirrors) in document order.</summary>
public static class RouteDestinations
{
    public static IEnumerable<RouteDestinationRef> Of(Resource<VirtualServiceSpec> vs)
    {
        var spec = vs.Spec;
        for (var i = 0; i < spec.Http.Count; i++)
        {
            var route = spec.Http[i];
            for (var j = 0; j < route.Route.Count; j++)
            {
                if (route.Route[j].Destination is { } d) yield return new(d, $"spec.http[{i}].route[{j}].destination", false);
            }
            if (route.Mirror is { } mirror) yield return new(mirror, $"spec.http[{i}].mirror", true);
            for (var j = 0; j < route.Mirrors.Count; j++)
            {
                if (route.Mirrors[j].Destination is { } d) yield return new(d, $"spec.http[{i}].mirrors[{j}].destination", true);
            }
        }
        for (var i = 0; i < spec.Tcp.Count; i++)
        {
            for (var j = 0; j < spec.Tcp[i].Route.Count; j++)
            {
                if (spec.Tcp[i].Route[j].Destination is { } d) yield return new(d, $"spec.tcp[{i}].route[{j}].destination", false);
            }
        }
        for (var i = 0; i < spec.Tls.Count; i++)
        {
            for (var j = 0; j < spec.Tls[i].Route.Count; j++)
            {
                if (spec.Tls[i].Route[j].Destination is { } d) yield return new(d, $"spec.tls[{i}].route[{j}].destination", false);
            }
        }
    }

    /// <summary>True when the VirtualService applies to sidecars (<c>gateways</c> empty or naming <c>mesh</c>).</summary>
    public static bool BoundToMesh(VirtualServiceSpec spec) => spec.Gateways.Count == 0 || spec.Gateways.Contains("mesh");
}
