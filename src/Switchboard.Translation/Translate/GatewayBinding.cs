using Switchboard.Config.Networking;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Which proxies a VirtualService's rules reach (reference/istio-api.md §1.1): the reserved gateway <c>mesh</c> (every
/// sidecar) or a Gateway, named <c>name</c> (in the VirtualService's namespace) or <c>namespace/name</c>. An empty
/// <c>gateways</c> means mesh only; a match's own <c>gateways</c> overrides the top-level list for that match.
/// </summary>
internal static class GatewayBinding
{
    public const string Mesh = "mesh";

    /// <summary>True when some rule of <paramref name="spec"/> can apply to sidecars (Istio selects the VirtualService then).</summary>
    public static bool AppliesToSidecars(VirtualServiceSpec spec) =>
        Names(spec.Gateways, "", Mesh) || spec.Http.Any(r => r.Match.Any(m => m.Gateways.Contains(Mesh, StringComparer.Ordinal)));

    /// <summary>True when some rule of the VirtualService <paramref name="ns"/>/… can apply to the Gateway <paramref name="gateway"/> (<c>ns/name</c>).</summary>
    public static bool AppliesToGateway(VirtualServiceSpec spec, string ns, string gateway) =>
        Names(spec.Gateways, ns, gateway)
        || spec.Http.Any(r => r.Match.Any(m => Names(m.Gateways, ns, gateway)))
        || spec.Tcp.Any(r => r.Match.Any(m => Names(m.Gateways, ns, gateway)))
        || spec.Tls.Any(r => r.Match.Any(m => Names(m.Gateways, ns, gateway)));

    /// <summary>The top-level binding, which rules without their own match gateways follow.</summary>
    public static bool TopLevel(RouteBinding binding) => Names(binding.Spec.Gateways, binding.Namespace, binding.Target);

    /// <summary>Whether a match (with its own <c>gateways</c>, or the top-level ones) applies to the binding's target.</summary>
    public static bool MatchApplies(IReadOnlyList<string> matchGateways, RouteBinding binding) =>
        matchGateways.Count > 0 ? Names(matchGateways, binding.Namespace, binding.Target) : TopLevel(binding);

    /// <summary>A gateway reference as <c>namespace/name</c> (<c>mesh</c> stays <c>mesh</c>).</summary>
    public static string Qualify(string reference, string ns) =>
        reference == Mesh || reference.Contains('/', StringComparison.Ordinal) ? reference : $"{ns}/{reference}";

    /// <summary>Whether <paramref name="gateways"/>, written in namespace <paramref name="ns"/>, name <paramref name="target"/>; empty names only the mesh.</summary>
    private static bool Names(IReadOnlyList<string> gateways, string ns, string target) =>
        gateways.Count == 0 ? target == Mesh : gateways.Any(g => Qualify(g, ns) == target);
}

/// <summary>The VirtualService (root, for delegates) whose gateways bind the rules being built, and the gateway they are built for.</summary>
internal sealed record RouteBinding(VirtualServiceSpec Spec, string Namespace, string Target)
{
    /// <summary>Rules of <paramref name="owner"/> as sidecars see them.</summary>
    public static RouteBinding ForMesh(Switchboard.Model.VirtualServiceModel owner) => new(owner.Spec, owner.Namespace, GatewayBinding.Mesh);
}
