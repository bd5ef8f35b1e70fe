using Switchboard.Telemetry.Expressions;

namespace Switchboard.Telemetry.AccessLogFormats;

/// <summary>How an operator's argument is used: none, a header name (<c>X?Y</c> allowed), or a time format.</summary>
public enum OperatorArgument { None, Header, TimeFormat }

/// <summary>How an operator's value is rendered from the attribute it reads.</summary>
public enum OperatorRendering { Plain, Milliseconds, WithPort, Timestamp }

/// <summary>
/// One of Envoy's access-log command operators (envoy: configuration/observability/access_log/usage, "Command
/// Operators") and the request attribute it is rendered from — the same attributes Telemetry expressions read, so a
/// format and a filter see one request the same way. Operators whose data the proxy does not track (e.g.
/// <c>UPSTREAM_LOCAL_ADDRESS</c>) are still known, so Istio's default format parses, and render as <c>-</c> like any
/// absent value.
/// </summary>
public sealed record CommandOperator(string Name, OperatorArgument Argument, AttributeId? Attribute, AttributeMap? Map = null,
    OperatorRendering Rendering = OperatorRendering.Plain, AttributeId? Port = null)
{
    private static readonly Dictionary<string, CommandOperator> ByName = new CommandOperator[]
    {
        new("START_TIME", OperatorArgument.TimeFormat, AttributeId.RequestTime, Rendering: OperatorRendering.Timestamp),
        new("REQ", OperatorArgument.Header, null, AttributeMap.RequestHeaders),
        new("RESP", OperatorArgument.Header, null, AttributeMap.ResponseHeaders),
        new("TRAILER", OperatorArgument.Header, null, AttributeMap.ResponseTrailers),
        new("PROTOCOL", OperatorArgument.None, AttributeId.RequestProtocol),
        new("RESPONSE_CODE", OperatorArgument.None, AttributeId.ResponseCode),
        new("RESPONSE_CODE_DETAILS", OperatorArgument.None, AttributeId.ResponseCodeDetails),
        new("RESPONSE_FLAGS", OperatorArgument.None, AttributeId.ResponseFlags),
        new("GRPC_STATUS_NUMBER", OperatorArgument.None, AttributeId.ResponseGrpcStatus),
        new("DURATION", OperatorArgument.None, AttributeId.RequestDuration, Rendering: OperatorRendering.Milliseconds),
        new("BYTES_RECEIVED", OperatorArgument.None, AttributeId.RequestSize),
        new("BYTES_SENT", OperatorArgument.None, AttributeId.ResponseSize),
        new("UPSTREAM_HOST", OperatorArgument.None, AttributeId.UpstreamAddress),
        new("UPSTREAM_CLUSTER", OperatorArgument.None, AttributeId.XdsClusterName),
        new("UPSTREAM_LOCAL_ADDRESS", OperatorArgument.None, AttributeId.UpstreamLocalAddress),
        new("UPSTREAM_TRANSPORT_FAILURE_REASON", OperatorArgument.None, AttributeId.UpstreamTransportFailureReason),
        new("ROUTE_NAME", OperatorArgument.None, AttributeId.XdsRouteName),
        new("DOWNSTREAM_REMOTE_ADDRESS", OperatorArgument.None, AttributeId.SourceAddress, Rendering: OperatorRendering.WithPort, Port: AttributeId.SourcePort),
        new("DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT", OperatorArgument.None, AttributeId.SourceAddress),
        new("DOWNSTREAM_REMOTE_PORT", OperatorArgument.None, AttributeId.SourcePort),
        new("DOWNSTREAM_LOCAL_ADDRESS", OperatorArgument.None, AttributeId.DestinationAddress, Rendering: OperatorRendering.WithPort, Port: AttributeId.DestinationPort),
        new("DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT", OperatorArgument.None, AttributeId.DestinationAddress),
        new("DOWNSTREAM_LOCAL_PORT", OperatorArgument.None, AttributeId.DestinationPort),
        new("DOWNSTREAM_PEER_URI_SAN", OperatorArgument.None, AttributeId.ConnectionUriSanPeerCertificate),
        new("REQUESTED_SERVER_NAME", OperatorArgument.None, AttributeId.ConnectionRequestedServerName),
        new("CONNECTION_ID", OperatorArgument.None, AttributeId.ConnectionId),
        new("CONNECTION_TERMINATION_DETAILS", OperatorArgument.None, AttributeId.ConnectionTerminationDetails),
    }.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>Every operator, for documentation and tests.</summary>
    public static IReadOnlyCollection<CommandOperator> All => ByName.Values;

    public static CommandOperator? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// The request pseudo-headers <c>%REQ(…)%</c> accepts as Envoy does; they are attributes here, not header-map entries.
    /// </summary>
    public static AttributeId? PseudoHeader(string name) => name switch
    {
        ":path" => AttributeId.RequestPath,
        ":method" => AttributeId.RequestMethod,
        ":authority" => AttributeId.RequestHost,
        ":scheme" => AttributeId.RequestScheme,
        _ => null,
    };
}
