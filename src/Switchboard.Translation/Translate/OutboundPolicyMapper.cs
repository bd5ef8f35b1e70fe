using Switchboard.Config.Networking;
using Switchboard.Model;
using PolicyNames = Switchboard.Translation.ProxyConfig.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// The proxy's outbound traffic policy from its Sidecar (reference/istio-api.md §1.6). Without a Sidecar or without
/// <c>outboundTrafficPolicy</c> the mesh default, ALLOW_ANY, holds; a policy written without a mode is REGISTRY_ONLY,
/// the proto default, as Istio reads it.
/// </summary>
internal static class OutboundPolicyMapper
{
    public static string Map(SidecarModel? sidecar) => sidecar?.Spec.OutboundTrafficPolicy switch
    {
        null => PolicyNames.AllowAny,
        { Mode: OutboundTrafficPolicyMode.AllowAny } => PolicyNames.AllowAny,
        _ => PolicyNames.RegistryOnly,
    };
}
