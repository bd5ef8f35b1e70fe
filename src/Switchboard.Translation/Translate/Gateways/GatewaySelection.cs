using Switchboard.Config;
using Switchboard.Config.Networking;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate.Gateways;

/// <summary>
/// The Gateways a gateway proxy serves: those whose <c>selector</c> matches its labels, searched in every namespace
/// (Istio's default), oldest first; a Gateway without a selector applies to every gateway proxy.
/// </summary>
internal static class GatewaySelection
{
    public static IReadOnlyList<Resource<GatewaySpec>> For(MeshSnapshot snapshot, ProxyNode node) =>
        snapshot.Gateways.Where(g => g.Spec.Selector is not { Count: > 0 } selector || Selector.Matches(selector, node.Labels)).ToList();

    /// <summary>
    /// The port the proxy listens on for a server port: a Service in the proxy's namespace that selects it and exposes
    /// <paramref name="serverPort"/> maps it to its targetPort (Istio's rule: the Gateway names the Service port, the
    /// proxy listens on the pod port behind it); otherwise the server port itself.
    /// </summary>
    public static int ListenPort(MeshSnapshot snapshot, ProxyNode node, int serverPort)
    {
        foreach (var service in snapshot.Services)
        {
            if (service.SourceKind != ServiceSourceKind.KubernetesService || service.Namespace != node.Namespace) continue;
            if (service.Selector is not { Count: > 0 } selector || !Selector.Matches(selector, node.Labels)) continue;
            if (service.FindPort(serverPort) is not { } port) continue;
            if (port.TargetPort is { Number: { } number }) return number;
            if (port.TargetPort is { Name: { } name } && FindWorkloadPort(snapshot, node, name) is { } named) return named;
            return serverPort;
        }
        return serverPort;
    }

    private static int? FindWorkloadPort(MeshSnapshot snapshot, ProxyNode node, string name) =>
        snapshot.FindWorkload($"{node.Namespace}/{node.Workload}")?.Ports.TryGetValue(name, out var number) == true ? number : null;
}
