namespace Switchboard.Cli.Top;

/// <summary>How <c>sbctl x top</c> names the two ends of an edge from an Istio metric's labels, and reads its mTLS share (HTTP and TCP alike).</summary>
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

    /// <summary>How much of what the server side saw (<paramref name="total"/> requests or connections) came over mTLS.</summary>
    public static (MtlsState State, double Share) Mtls(double mutual, double total) =>
        total <= 0 ? (MtlsState.Unknown, 0.0)
        : (mutual >= total ? MtlsState.All : mutual <= 0 ? MtlsState.None : MtlsState.Partly, mutual / total);
}
