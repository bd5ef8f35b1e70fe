namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// How Istio names a workload in telemetry (reference §3.2, "app requirements"): the workload is the pod's owner (a
/// Deployment's pods carry <c>pod-template-hash</c>, and their names are <c>&lt;deployment&gt;-&lt;hash&gt;-&lt;suffix&gt;</c>);
/// the canonical service is <c>service.istio.io/canonical-name</c> &gt; <c>app.kubernetes.io/name</c> &gt; <c>app</c> &gt; the
/// workload; the canonical revision <c>service.istio.io/canonical-revision</c> &gt; <c>app.kubernetes.io/version</c> &gt;
/// <c>version</c> &gt; <c>latest</c>.
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

    private static string? First(IReadOnlyDictionary<string, string> labels, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (labels.TryGetValue(key, out var value) && value.Length > 0) return value;
        }
        return null;
    }
}
