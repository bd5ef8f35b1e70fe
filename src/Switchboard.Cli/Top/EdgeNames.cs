namespace Switchboard.Cli.Top;

/// <summary>How <c>sbctl x top</c> names the two ends of an edge from an Istio metric's labels (HTTP and TCP alike).</summary>
internal static class EdgeNames
{
    /// <summary>The calling workload as <c>workload.namespace</c> (Istio's <c>unknown</c> for a caller without a sidecar).</summary>
    public static string SourceOf(MetricSample s) =>
        s["source_workload"] is "" or "unknown" ? "unknown" : $"{s["source_workload"]}.{s["source_workload_namespace"]}";

    /// <summary>The destination service as <c>name.namespace</c> when the mesh knows it, else its host as reported.</summary>
    public static string DestinationOf(MetricSample s) =>
        s["destination_service_name"] is "" or "unknown" || s["destination_service_namespace"] is "" or "unknown"
            ? s["destination_service"] is "" ? "unknown" : s["destination_service"]
            : $"{s["destination_service_name"]}.{s["destination_service_namespace"]}";
}
