using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Networking;
using Switchboard.Config.Security;

namespace Switchboard.Analysis.Analyzers.VirtualServices;

/// <summary>
/// A route on <c>@request.auth.claims.*</c> needs a verified token before routing, which only a gateway has, and only
/// when a RequestAuthentication applies to it (istio.io, "Copy JWT Claims to HTTP Headers" / JWT claim based routing).
/// Without one the claim is never there and the route silently never matches (IST0149). Claim routes bound to
/// <c>mesh</c> (sidecars) are a schema error already (HttpMatchValidator), as in Istio's validation.
/// </summary>
public sealed class JwtClaimRouteAnalyzer : IAnalyzer
{
    private const string ClaimPrefix = "@request.auth.claims";

    public string Name => "virtualservice.JWTClaimRouteAnalyzer";
    public string Description => "Checks that routes on JWT claims run on a gateway with a RequestAuthentication";
    public IReadOnlyList<string> Inputs => ["VirtualService", "Gateway", "RequestAuthentication", "Pod", "Deployment"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        foreach (var vs in mesh.OfKind<VirtualServiceSpec>("VirtualService"))
        {
            for (var r = 0; r < vs.Spec.Http.Count; r++)
            {
                for (var m = 0; m < vs.Spec.Http[r].Match.Count; m++)
                {
                    var match = vs.Spec.Http[r].Match[m];
                    var claim = match.Headers.Keys.Concat(match.WithoutHeaders.Keys).FirstOrDefault(k => k.StartsWith(ClaimPrefix, StringComparison.Ordinal));
                    if (claim is null) continue;
                    var path = $"spec.http[{r}].match[{m}]";
                    // A match's own gateways replace the VirtualService's (Istio).
                    var gateways = match.Gateways.Count > 0 ? match.Gateways : vs.Spec.Gateways;
                    foreach (var reference in gateways.Where(g => g != "mesh"))
                    {
                        var (ns, name) = GatewayRefs.Parse(reference, vs.Namespace);
                        if (GatewayRefs.Find(mesh, ns, name) is not { } gateway || GatewayWorkloads.Of(mesh, gateway) is not { } pods) continue;
                        var unauthenticated = pods.FirstOrDefault(pod => !HasRequestAuthentication(mesh, pod));
                        if (unauthenticated is not null)
                            context.Report(Catalogue.JwtClaimBasedRoutingWithoutRequestAuthN, vs, path, claim, $"{ns}/{name}", $"{unauthenticated.Namespace}/{unauthenticated.Name}");
                    }
                }
            }
        }
    }

    /// <summary>A RequestAuthentication selects the pod: its namespace's or the root namespace's, by selector or for all.</summary>
    private static bool HasRequestAuthentication(MeshIndex mesh, Workload pod) =>
        mesh.OfKind<RequestAuthenticationSpec>("RequestAuthentication")
            .Any(ra => (ra.Namespace == pod.Namespace || ra.Namespace == mesh.RootNamespace)
                && PolicyScope.Workloads(mesh, ra, ra.Spec.Selector?.MatchLabels).Contains(pod));
}
