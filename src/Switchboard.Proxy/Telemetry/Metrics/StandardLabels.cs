using System.Globalization;
using System.Text;

namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// Istio's standard metric labels (reference §3.2, in Istio's order) for a report; a value nobody knows is
/// <c>unknown</c>. Tag overrides (Telemetry API) are applied by <see cref="MetricView"/> on top of these.
/// </summary>
internal static class StandardLabels
{
    public static List<KeyValuePair<string, string>> Http(in HttpReport r)
    {
        var labels = Common(r.Reporter, r.Source, r.Destination, r.DestinationService);
        labels.Add(new("request_protocol", r.Grpc ? "grpc" : "http"));
        labels.Add(new("response_code", r.ResponseCode.ToString(CultureInfo.InvariantCulture)));
        labels.Add(new("grpc_response_status", r.Grpc ? r.GrpcStatus ?? "unknown" : ""));
        labels.Add(new("response_flags", r.Flags));
        labels.Add(new("connection_security_policy", r.SecurityPolicy));
        return labels;
    }

    public static List<KeyValuePair<string, string>> Tcp(in TcpReport r)
    {
        var labels = Common(r.Reporter, r.Source, r.Destination, r.DestinationService, r.DestinationServiceName);
        labels.Add(new("request_protocol", "tcp"));
        labels.Add(new("response_flags", r.Flags));
        labels.Add(new("connection_security_policy", r.SecurityPolicy));
        return labels;
    }

    private static List<KeyValuePair<string, string>> Common(Reporter reporter, PeerWorkload source, PeerWorkload destination, string? service, string? serviceName = null)
    {
        var (name, ns) = ServiceParts(service);
        name = serviceName ?? name;
        return
        [
            new("reporter", reporter == Reporter.Source ? "source" : "destination"),
            new("source_workload", Or(source.Workload)),
            new("source_workload_namespace", Or(source.Namespace)),
            new("source_principal", Or(source.Principal)),
            new("source_app", Or(source.App)),
            new("source_version", Or(source.Version)),
            new("source_canonical_service", Or(source.CanonicalService)),
            new("source_canonical_revision", Or(source.CanonicalRevision)),
            new("source_cluster", Or(source.Cluster)),
            new("destination_workload", Or(destination.Workload)),
            new("destination_workload_namespace", Or(destination.Namespace)),
            new("destination_principal", Or(destination.Principal)),
            new("destination_app", Or(destination.App)),
            new("destination_version", Or(destination.Version)),
            new("destination_service", Or(service)),
            new("destination_service_name", Or(name)),
            new("destination_service_namespace", Or(ns)),
            new("destination_canonical_service", Or(destination.CanonicalService)),
            new("destination_canonical_revision", Or(destination.CanonicalRevision)),
            new("destination_cluster", Or(destination.Cluster)),
        ];
    }

    /// <summary><c>name.ns.svc.cluster.local</c> → (name, ns); another host is its own name, with no namespace.</summary>
    private static (string? Name, string? Namespace) ServiceParts(string? host)
    {
        if (host is null) return (null, null);
        var dot = host.IndexOf('.');
        if (dot <= 0) return (host, null);
        var svc = host.IndexOf(".svc.", StringComparison.Ordinal);
        return svc > dot ? (host[..dot], host[(dot + 1)..svc]) : (host, null);
    }

    private static string Or(string? value) => string.IsNullOrEmpty(value) ? "unknown" : value;

    /// <summary>Prometheus text for a label set: <c>a="x",b="y"</c> with Prometheus escaping.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            if (sb.Length > 0) sb.Append(',');
            sb.Append(name).Append("=\"")
                .Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                .Append('"');
        }
        return sb.ToString();
    }
}
