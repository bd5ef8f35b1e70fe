using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry;

/// <summary>
/// How Istio names a workload in telemetry (reference §3.2, "app requirements"): the workload is the pod's owner (a
/// Deployment's pods carry <c>pod-template-hash</c>, and their names are <c>&lt;deployment&gt;-&lt;hash&gt;-&lt;suffix&gt;</c>);
/// the canonical service is <c>service.istio.io/canonical-name</c> &gt; <c>app.kubernetes.io/name</c> &gt; <c>app</c> &gt; the
/// workload; the canonical revision <c>service.istio.io/canonical-revision</c> &gt; <c>app.kubernetes.io/version</c> &gt;
/// <c>version</c> &gt; <c>latest</c>. Metric labels and span tags both read these, so a workload has one name everywhere.
/// </summary>
internal static class WorkloadNames
{
    public static string Workload(string podName, IReadOnlyDictionary<string, string> labels)
    {
        if (labels.TryGetValue("pod-template-hash", out var hash) && hash.Length > 0)
        {
            var at = podName.LastIndexOf("-" + hash + "-", StringComparison.Ordinal);
            if (at > 0) return podName[..at];
        }
        return podName;
    }

    public static string CanonicalService(IReadOnlyDictionary<string, string> labels, string workload) =>
        First(labels, "service.istio.io/canonical-name", "app.kubernetes.io/name", "app") ?? workload;

    public static string CanonicalRevision(IReadOnlyDictionary<string, string> labels) =>
        First(labels, "service.istio.io/canonical-revision", "app.kubernetes.io/version", "version") ?? "latest";

    public static string? App(IReadOnlyDictionary<string, string> labels) => First(labels, "app.kubernetes.io/name", "app");

    public static string? Version(IReadOnlyDictionary<string, string> labels) => First(labels, "app.kubernetes.io/version", "version");

    /// <summary>The proxy's own canonical service (its workload's labels, else its workload name).</summary>
    public static string CanonicalService(ProxyNode node) => CanonicalService(node.Labels, Workload(node.Workload, node.Labels));

    /// <summary>The tracer's service name, as Istio sets it for its providers: <c>canonical-service.namespace</c>.</summary>
    public static string TracingService(ProxyNode node) => $"{CanonicalService(node)}.{node.Namespace}";

    /// <summary>Envoy's node id for a sidecar: <c>sidecar~IP~POD.NAMESPACE~NAMESPACE.svc.cluster.local</c>.</summary>
    public static string NodeId(ProxyNode node) =>
        $"sidecar~{node.Ip ?? "127.0.0.1"}~{node.Workload}.{node.Namespace}~{node.Namespace}.svc.cluster.local";

    private static string? First(IReadOnlyDictionary<string, string> labels, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (labels.TryGetValue(key, out var value) && value.Length > 0) return value;
        }
        return null;
    }
}
