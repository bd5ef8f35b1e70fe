using Switchboard.Authentication.Config;
using Switchboard.Authorization.Policies;
using Switchboard.Config.Security;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// The inbound policy of one proxy: the effective PeerAuthentication mode (<see cref="MtlsPolicy"/>) for its workload
/// as a whole and for each port it serves — its container ports and the target ports of the Services selecting it.
/// A proxy the snapshot does not know (it described itself) gets its namespace's and the mesh's mode.
/// </summary>
internal static class InboundBuilder
{
    public static InboundPolicy Build(MeshSnapshot snapshot, ProxyNode node, Func<JwksSource, JwksFetchResult?>? jwks = null)
    {
        var whole = MtlsPolicy.For(snapshot, node.Namespace, node.Labels);
        var ports = new SortedDictionary<int, string?>();
        if (snapshot.FindWorkload($"{node.Namespace}/{node.Workload}") is { } workload)
        {
            foreach (var port in workload.Ports.Values) ports.TryAdd(port, null);
            foreach (var service in snapshot.Services.Where(s => s.Namespace == node.Namespace && s.Selector is { Count: > 0 } sel && Selector.Matches(sel, node.Labels)))
            {
                foreach (var port in service.Ports)
                {
                    foreach (var target in snapshot.EndpointsOf(service, port.Number).Where(e => e.Workload == workload.Key).Select(e => e.Port)) ports[target] = port.Protocol;
                }
            }
        }
        var authorization = AuthzPolicySelector.For(snapshot, node.Namespace, node.Labels).Policies;
        return new InboundPolicy
        {
            Mode = Map(whole.Mode),
            Policy = whole.Policy,
            Authorization = authorization,
            PathNormalization = snapshot.Options.PathNormalization,
            ExtAuthz = snapshot.Options.ExtAuthzProviders.Where(p => authorization.Any(a => a.Action == AuthzAction.Custom && a.Provider == p.Name)).ToList(),
            // Remote key sets are the control plane's to fetch; without it (static mode) a jwksUri rule fails closed.
            JwtRules = JwtRuleMapper.Map(RequestAuthSelector.For(snapshot, node.Namespace, node.Labels), jwks ?? NoRemoteKeys),
            Ports = ports.Select(p => MtlsPolicy.For(snapshot, node.Namespace, node.Labels, p.Key) is var m
                ? new InboundPort { Port = p.Key, Protocol = p.Value, Mode = Map(m.Mode), Policy = m.Policy }
                : null!).ToList(),
        };
    }

    private static JwksFetchResult? NoRemoteKeys(JwksSource source) =>
        JwksFetchResult.Failed($"jwksUri {source.Uri} is fetched by the control plane; this proxy runs without one (use inline jwks)");

    private static PeerMode Map(MtlsMode mode) => mode switch
    {
        MtlsMode.Strict => PeerMode.Strict,
        MtlsMode.Disable => PeerMode.Disable,
        _ => PeerMode.Permissive,
    };
}
