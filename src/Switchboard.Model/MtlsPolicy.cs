using Switchboard.Config;
using Switchboard.Config.Security;

namespace Switchboard.Model;

/// <summary>The mTLS mode a workload's port accepts, and the PeerAuthentication that decided it (null: Istio's default).</summary>
public sealed record EffectiveMtls(MtlsMode Mode, string? Policy)
{
    /// <summary>STRICT, PERMISSIVE or DISABLE, as Istio writes them.</summary>
    public string ModeName => Mode.ToString().ToUpperInvariant();
}

/// <summary>
/// PeerAuthentication precedence (reference/istio-api.md §2.1): a workload's own policy (selector in its namespace)
/// over its namespace's policy (no selector) over the mesh policy (no selector, root namespace); UNSET inherits
/// from the level above and the top ends at PERMISSIVE. A workload policy's <c>portLevelMtls</c> (keyed by the
/// container port) then overrides for that port. When two policies compete at one level the oldest wins.
/// Selector policies in the root namespace are ignored (the proto's note; see reference §10).
/// One resolver for the proxy's inbound config, <c>describe pod</c> and <c>tls-check</c>.
/// </summary>
public static class MtlsPolicy
{
    public static EffectiveMtls For(MeshSnapshot snapshot, string ns, IReadOnlyDictionary<string, string> labels, int? port = null)
    {
        var inNamespace = snapshot.PeerAuthenticationsIn(ns);
        var workload = inNamespace.FirstOrDefault(p => ns != snapshot.Options.RootNamespace && p.Spec.Selector is { MatchLabels.Count: > 0 } s && Selector.Matches(s.MatchLabels, labels));
        var namespaceWide = inNamespace.FirstOrDefault(p => p.Spec.Selector is not { MatchLabels.Count: > 0 });
        var mesh = snapshot.PeerAuthenticationsIn(snapshot.Options.RootNamespace).FirstOrDefault(p => p.Spec.Selector is not { MatchLabels.Count: > 0 });

        var effective = new EffectiveMtls(MtlsMode.Permissive, null);
        foreach (var policy in new[] { mesh, namespaceWide, workload })
        {
            if (policy?.Spec.Mtls?.Mode is { } mode and not MtlsMode.Unset) effective = new EffectiveMtls(mode, Key(policy));
        }
        if (port is { } p && workload is not null
            && workload.Spec.PortLevelMtls.TryGetValue(p.ToString(System.Globalization.CultureInfo.InvariantCulture), out var level)
            && level.Mode is { } portMode and not MtlsMode.Unset)
        {
            effective = new EffectiveMtls(portMode, Key(workload));
        }
        return effective;
    }

    private static string Key(Resource policy) => $"{policy.Namespace}/{policy.Name}";
}
