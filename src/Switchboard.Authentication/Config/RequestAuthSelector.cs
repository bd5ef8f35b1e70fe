using Switchboard.Config;
using Switchboard.Config.Security;
using Switchboard.Model;

namespace Switchboard.Authentication.Config;

/// <summary>
/// Which RequestAuthentications apply to a workload. Unlike PeerAuthentication there is no precedence: every policy that
/// selects the workload is merged (reference/istio-api.md §2.3), as Istio's <c>getConfigsForWorkload</c> does:
/// <list type="number">
/// <item>policies of the workload's namespace with no selector, or whose selector matches its labels;</item>
/// <item>policies of the root namespace with no selector (mesh-wide) or whose selector matches (any namespace).</item>
/// </list>
/// Policies with <c>targetRefs</c> bind to gateways and waypoints, never to a sidecar's workload, so they are skipped here.
/// Each group is oldest first (<see cref="ConfigOrder"/>), so the merged rule list is deterministic.
/// </summary>
public static class RequestAuthSelector
{
    public static IReadOnlyList<Resource<RequestAuthenticationSpec>> For(MeshSnapshot snapshot, string ns, IReadOnlyDictionary<string, string> labels)
    {
        var root = snapshot.Options.RootNamespace;
        var namespaces = ns == root ? new[] { ns } : new[] { ns, root };
        var selected = new List<Resource<RequestAuthenticationSpec>>();
        foreach (var candidateNs in namespaces)
        {
            selected.AddRange(snapshot.RequestAuthenticationsIn(candidateNs).Where(p => Applies(p.Spec, labels)));
        }
        return selected;
    }

    private static bool Applies(RequestAuthenticationSpec spec, IReadOnlyDictionary<string, string> labels)
    {
        if (spec.TargetRefs.Count > 0 || spec.TargetRef is not null) return false;
        return spec.Selector is not { MatchLabels.Count: > 0 } selector || Selector.Matches(selector.MatchLabels, labels);
    }
}
