using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// How Istio names a workload in telemetry: the canonical service and revision from its labels
/// (<c>service.istio.io/canonical-name</c> &gt; <c>app.kubernetes.io/name</c> &gt; <c>app</c>, else the workload name;
/// <c>service.istio.io/canonical-revision</c> &gt; <c>app.kubernetes.io/version</c> &gt; <c>version</c>, else <c>latest</c>;
/// reference/istio-api.md §3.2), and Envoy's node id for a sidecar (<c>sidecar~IP~POD.NAMESPACE~NAMESPACE.svc.cluster.local</c>).
/// </summary>
internal static class WorkloadNames
{
    public static string CanonicalService(ProxyNode node) =>
        Label(node, "service.istio.io/canonical-name") ?? Label(node, "app.kubernetes.io/name") ?? Label(node, "app") ?? node.Workload;

    public static string CanonicalRevision(ProxyNode node) =>
        Label(node, "service.istio.io/canonical-revision") ?? Label(node, "app.kubernetes.io/version") ?? Label(node, "version") ?? "latest";

    /// <summary>The tracer's service name, as Istio sets it for its providers: <c>canonical-service.namespace</c>.</summary>
    public static string TracingService(ProxyNode node) => $"{CanonicalService(node)}.{node.Namespace}";

    public static string NodeId(ProxyNode node) =>
        $"sidecar~{node.Ip ?? "127.0.0.1"}~{node.Workload}.{node.Namespace}~{node.Namespace}.svc.cluster.local";

    private static string? Label(ProxyNode node, string key) => node.Labels.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}
