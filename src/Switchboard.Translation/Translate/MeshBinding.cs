using Switchboard.Config.Networking;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Whether VirtualService rules reach sidecars, i.e. are bound to the reserved gateway <c>mesh</c>
/// (reference/istio-api.md §1.1): an empty <c>gateways</c> means mesh only; a match's own <c>gateways</c>
/// overrides the top-level list for that match.
/// </summary>
internal static class MeshBinding
{
    public const string Mesh = "mesh";

    /// <summary>True when some rule of <paramref name="spec"/> can apply to sidecars (Istio selects the VirtualService then).</summary>
    public static bool AppliesToSidecars(VirtualServiceSpec spec) =>
        TopLevel(spec) || spec.Http.Any(r => r.Match.Any(m => m.Gateways.Contains(Mesh, StringComparer.Ordinal)));

    /// <summary>The top-level binding, which rules without their own match gateways follow.</summary>
    public static bool TopLevel(VirtualServiceSpec spec) => spec.Gateways.Count == 0 || spec.Gateways.Contains(Mesh, StringComparer.Ordinal);

    public static bool MatchApplies(HttpMatchRequest match, VirtualServiceSpec spec) =>
        match.Gateways.Count > 0 ? match.Gateways.Contains(Mesh, StringComparer.Ordinal) : TopLevel(spec);
}
