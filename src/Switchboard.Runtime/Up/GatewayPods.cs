using Switchboard.Config.Kubernetes;

namespace Switchboard.Runtime.Up;

/// <summary>
/// Which Deployments are gateways: their pod is the proxy itself, in the gateway role, with no app and no capture
/// (as Istio's gateway pods: <c>proxyv2</c> run as <c>proxy router</c>, or injected with the gateway template). Known by:
/// - a container running <c>switchboard proxy gateway</c> (Switchboard's own form, as examples/payments writes it), or
///   <c>proxy router</c> in its command or args (Istio's istio-proxy container);
/// - the annotation <c>inject.istio.io/templates: gateway</c> (Istio's gateway injection).
/// The gateway listens on the pod's declared container ports.
/// </summary>
public static class GatewayPods
{
    public const string TemplateAnnotation = "inject.istio.io/templates";

    public static bool IsGateway(PodSpec? spec, IReadOnlyDictionary<string, string> annotations)
    {
        if (annotations.TryGetValue(TemplateAnnotation, out var template) && template.Split(',').Contains("gateway", StringComparer.Ordinal)) return true;
        foreach (var container in spec?.Containers ?? [])
        {
            var words = container.Command.Concat(container.Args).ToList();
            for (var i = 0; i + 1 < words.Count; i++)
            {
                if (words[i] == "proxy" && words[i + 1] is "gateway" or "router") return true;
            }
        }
        return false;
    }

    /// <summary>The container ports the gateway listens on.</summary>
    public static IReadOnlyList<int> Ports(PodSpec? spec) =>
        (spec?.Containers ?? []).SelectMany(c => c.Ports).Select(p => p.ContainerPort).OfType<int>().Distinct().Order().ToList();
}
