namespace Switchboard.Model;

/// <summary>
/// Whether a workload runs beside a sidecar, so that traffic to it can be mutual TLS (Istio's auto mTLS sends
/// ISTIO_MUTUAL only to endpoints labelled <c>security.istio.io/tlsMode: istio</c>, the label injection adds).
/// </summary>
public static class SidecarInjection
{
    /// <summary>The label injection puts on a pod; set by hand on a WorkloadEntry whose VM runs a proxy.</summary>
    public const string TlsModeLabel = "security.istio.io/tlsMode";

    /// <summary>The pod's opt-in/opt-out label (the annotation of the same name is deprecated).</summary>
    public const string InjectLabel = "sidecar.istio.io/inject";

    /// <summary>The revision label, on a namespace or a pod.</summary>
    public const string RevisionLabel = "istio.io/rev";

    /// <summary>
    /// Istio's injection rule, as its webhooks select pods (https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/):
    /// 1. a pod already carrying the tlsMode label has been injected;
    /// 2. the pod's <c>sidecar.istio.io/inject=false</c> (label, or the deprecated annotation) opts out everywhere;
    /// 3. a namespace labelled <c>istio-injection</c> decides: <c>enabled</c> injects, any other value does not, whatever the pod asks;
    /// 4. else a namespace labelled <c>istio.io/rev</c> injects;
    /// 5. else only the pod's own label opts in: <c>sidecar.istio.io/inject=true</c> or <c>istio.io/rev</c>
    ///    (an annotation cannot: the webhook's object selector reads labels).
    /// </summary>
    public static bool IsInjected(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations, IReadOnlyDictionary<string, string>? namespaceLabels)
    {
        if (labels.GetValueOrDefault(TlsModeLabel) == "istio") return true;
        if ((labels.GetValueOrDefault(InjectLabel) ?? annotations.GetValueOrDefault(InjectLabel)) == "false") return false;
        if (namespaceLabels?.GetValueOrDefault("istio-injection") is { } injection) return injection == "enabled";
        if (namespaceLabels?.ContainsKey(RevisionLabel) == true) return true;
        return labels.GetValueOrDefault(InjectLabel) == "true" || labels.ContainsKey(RevisionLabel);
    }

    /// <summary>A WorkloadEntry (or a ServiceEntry's inline endpoint) has a proxy only when labelled so, as in Istio.</summary>
    public static bool IsMeshEndpoint(IReadOnlyDictionary<string, string> labels) => labels.GetValueOrDefault(TlsModeLabel) == "istio";
}
