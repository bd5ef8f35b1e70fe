using System.Collections.Frozen;

namespace Switchboard.Telemetry.Expressions;

/// <summary>
/// The attribute vocabulary the checker accepts: Envoy's attribute table (arch_overview/advanced/attributes) minus
/// the protobuf-message ones Switchboard cannot represent, which are named so the error can say "not supported".
/// </summary>
public static class AttributeCatalog
{
    private static readonly (string Path, AttributeId Id, CelType Type)[] Scalars =
    [
        ("request.path", AttributeId.RequestPath, CelType.String),
        ("request.url_path", AttributeId.RequestUrlPath, CelType.String),
        ("request.host", AttributeId.RequestHost, CelType.String),
        ("request.scheme", AttributeId.RequestScheme, CelType.String),
        ("request.method", AttributeId.RequestMethod, CelType.String),
        ("request.headers_bytes", AttributeId.RequestHeadersBytes, CelType.Int),
        ("request.referer", AttributeId.RequestReferer, CelType.String),
        ("request.useragent", AttributeId.RequestUserAgent, CelType.String),
        ("request.time", AttributeId.RequestTime, CelType.Timestamp),
        ("request.id", AttributeId.RequestId, CelType.String),
        ("request.protocol", AttributeId.RequestProtocol, CelType.String),
        ("request.query", AttributeId.RequestQuery, CelType.String),
        ("request.duration", AttributeId.RequestDuration, CelType.Duration),
        ("request.size", AttributeId.RequestSize, CelType.Int),
        ("request.total_size", AttributeId.RequestTotalSize, CelType.Int),
        ("response.code", AttributeId.ResponseCode, CelType.Int),
        ("response.code_details", AttributeId.ResponseCodeDetails, CelType.String),
        ("response.flags", AttributeId.ResponseFlags, CelType.Int),
        ("response.grpc_status", AttributeId.ResponseGrpcStatus, CelType.Int),
        ("response.headers_bytes", AttributeId.ResponseHeadersBytes, CelType.Int),
        ("response.size", AttributeId.ResponseSize, CelType.Int),
        ("response.total_size", AttributeId.ResponseTotalSize, CelType.Int),
        ("response.backend_latency", AttributeId.ResponseBackendLatency, CelType.Duration),
        ("source.address", AttributeId.SourceAddress, CelType.String),
        ("source.port", AttributeId.SourcePort, CelType.Int),
        ("destination.address", AttributeId.DestinationAddress, CelType.String),
        ("destination.port", AttributeId.DestinationPort, CelType.Int),
        ("connection.id", AttributeId.ConnectionId, CelType.Uint),
        ("connection.mtls", AttributeId.ConnectionMtls, CelType.Bool),
        ("connection.requested_server_name", AttributeId.ConnectionRequestedServerName, CelType.String),
        ("connection.tls_version", AttributeId.ConnectionTlsVersion, CelType.String),
        ("connection.subject_local_certificate", AttributeId.ConnectionSubjectLocalCertificate, CelType.String),
        ("connection.subject_peer_certificate", AttributeId.ConnectionSubjectPeerCertificate, CelType.String),
        ("connection.dns_san_local_certificate", AttributeId.ConnectionDnsSanLocalCertificate, CelType.String),
        ("connection.dns_san_peer_certificate", AttributeId.ConnectionDnsSanPeerCertificate, CelType.String),
        ("connection.uri_san_local_certificate", AttributeId.ConnectionUriSanLocalCertificate, CelType.String),
        ("connection.uri_san_peer_certificate", AttributeId.ConnectionUriSanPeerCertificate, CelType.String),
        ("connection.sha256_peer_certificate_digest", AttributeId.ConnectionSha256PeerCertificateDigest, CelType.String),
        ("connection.peer_certificate", AttributeId.ConnectionPeerCertificate, CelType.String),
        ("connection.transport_failure_reason", AttributeId.ConnectionTransportFailureReason, CelType.String),
        ("connection.termination_details", AttributeId.ConnectionTerminationDetails, CelType.String),
        ("upstream.address", AttributeId.UpstreamAddress, CelType.String),
        ("upstream.port", AttributeId.UpstreamPort, CelType.Int),
        ("upstream.num_endpoints", AttributeId.UpstreamNumEndpoints, CelType.Uint),
        ("upstream.tls_version", AttributeId.UpstreamTlsVersion, CelType.String),
        ("upstream.subject_local_certificate", AttributeId.UpstreamSubjectLocalCertificate, CelType.String),
        ("upstream.subject_peer_certificate", AttributeId.UpstreamSubjectPeerCertificate, CelType.String),
        ("upstream.dns_san_local_certificate", AttributeId.UpstreamDnsSanLocalCertificate, CelType.String),
        ("upstream.dns_san_peer_certificate", AttributeId.UpstreamDnsSanPeerCertificate, CelType.String),
        ("upstream.uri_san_local_certificate", AttributeId.UpstreamUriSanLocalCertificate, CelType.String),
        ("upstream.uri_san_peer_certificate", AttributeId.UpstreamUriSanPeerCertificate, CelType.String),
        ("upstream.sha256_peer_certificate_digest", AttributeId.UpstreamSha256PeerCertificateDigest, CelType.String),
        ("upstream.peer_certificate", AttributeId.UpstreamPeerCertificate, CelType.String),
        ("upstream.local_address", AttributeId.UpstreamLocalAddress, CelType.String),
        ("upstream.transport_failure_reason", AttributeId.UpstreamTransportFailureReason, CelType.String),
        ("upstream.request_attempt_count", AttributeId.UpstreamRequestAttemptCount, CelType.Uint),
        ("upstream.cx_pool_ready_duration", AttributeId.UpstreamCxPoolReadyDuration, CelType.Duration),
        ("xds.cluster_name", AttributeId.XdsClusterName, CelType.String),
        ("xds.listener_direction", AttributeId.XdsListenerDirection, CelType.Int),
        ("xds.route_name", AttributeId.XdsRouteName, CelType.String),
        ("xds.virtual_host_name", AttributeId.XdsVirtualHostName, CelType.String),
        ("xds.filter_chain_name", AttributeId.XdsFilterChainName, CelType.String),
    ];

    private static readonly FrozenDictionary<string, AttributeId> ByPath =
        Scalars.ToFrozenDictionary(s => s.Path, s => s.Id, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, AttributeMap> MapsByPath = new Dictionary<string, AttributeMap>
    {
        ["request.headers"] = AttributeMap.RequestHeaders,
        ["response.headers"] = AttributeMap.ResponseHeaders,
        ["response.trailers"] = AttributeMap.ResponseTrailers,
        ["filter_state"] = AttributeMap.FilterState,
        ["upstream_filter_state"] = AttributeMap.UpstreamFilterState,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Protobuf-message attributes: real in Envoy, but Switchboard has no message values to give them.
    private static readonly FrozenSet<string> Unsupported = new[]
    {
        "metadata", "upstream.locality", "xds.node", "xds.cluster_metadata", "xds.listener_metadata", "xds.route_metadata",
        "xds.virtual_host_metadata", "xds.upstream_host_metadata", "xds.upstream_host_locality_metadata",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Roots = new[]
    {
        "request", "response", "connection", "source", "destination", "upstream", "xds", "filter_state",
        "upstream_filter_state", "metadata",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every scalar attribute path, in <see cref="AttributeId"/> order.</summary>
    public static IEnumerable<string> Paths => Scalars.Select(s => s.Path);

    /// <summary>The scalar attribute at a dotted path such as <c>response.code</c>.</summary>
    public static bool TryFind(string path, out AttributeId id) => ByPath.TryGetValue(path, out id);

    /// <summary>The map attribute at a dotted path such as <c>request.headers</c>.</summary>
    public static bool TryFindMap(string path, out AttributeMap map) => MapsByPath.TryGetValue(path, out map);

    /// <summary>The dotted path of an attribute, e.g. <c>response.code</c>.</summary>
    public static string PathOf(AttributeId id) => Scalars[(int)id].Path;

    /// <summary>The type an <see cref="IAttributeSource"/> should give the attribute's value.</summary>
    public static CelType TypeOf(AttributeId id) => Scalars[(int)id].Type;

    /// <summary>The type of one entry of a map attribute.</summary>
    public static CelType EntryTypeOf(AttributeMap map) => IsHeaderMap(map) ? CelType.String : CelType.Dyn;

    /// <summary>Header maps are keyed by lower-cased name; filter state by exact key.</summary>
    public static bool IsHeaderMap(AttributeMap map) => map is AttributeMap.RequestHeaders or AttributeMap.ResponseHeaders or AttributeMap.ResponseTrailers;

    internal static bool IsRoot(string name) => Roots.Contains(name);

    internal static bool IsUnsupported(string path) => Unsupported.Contains(path);
}
