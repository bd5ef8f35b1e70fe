namespace Switchboard.Model;

/// <summary>
/// Whether a workload runs beside a sidecar, so that traffic to it can be mutual TLS (Istio's auto mTLS sends
/// ISTIO_MUTUAL only to endpoints labelled <c>security.istio.io/tlsMode: istio</c>, the label injection adds).
/// </summary>
public static class SidecarInjection
{
    /// <summary>The label injection puts on a pod; set by hand on a WorkloadEntry whose VM runs a proxy.</summary>
    public const string TlsModeLabel = "security.istio.io/tlsMode";

    /// <summary>
    /// Istio's injection rule: the pod's <c>sidecar.istio.io/inject</c> label (or annotation) decides; else the
    /// namespace's <c>istio-injection=enabled</c> or <c>istio.io/rev</c> label; an explicit tlsMode label also counts.
    /// </summary>
    public static bool IsInjected(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations, IReadOnlyDictionary<string, string>? namespaceLabels)
    {
        if (labels.GetValueOrDefault(TlsModeLabel) == "istio") return true;
        var podChoice = labels.GetValueOrDefault("sidecar.istio.io/inject") ?? annotations.GetValueOrDefault("sidecar.istio.io/inject");
        if (podChoice == "false") return false;
        if (podChoice == "true") return true;
        if (namespaceLabels is null) return false;
        return namespaceLabels.GetValueOrDefault("istio-injection") == "enabled"
            || (namespaceLabels.ContainsKey("istio.io/rev") && namespaceLabels.GetValueOrDefault("istio-injection") != "disabled");
    }

    /// <summary>A WorkloadEntry (or a ServiceEntry's inline endpoint) has a proxy only when labelled so, as in Istio.</summary>
    public static bool IsMeshEndpoint(IReadOnlyDictionary<string, string> labels) => labels.GetValueOrDefault(TlsModeLabel) == "istio";
}
