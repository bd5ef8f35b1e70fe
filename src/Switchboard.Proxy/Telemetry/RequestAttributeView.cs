using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Switchboard.Telemetry.Expressions;

namespace Switchboard.Proxy.Telemetry;

/// <summary>
/// Envoy's attributes of one finished request (arch_overview/advanced/attributes) for Telemetry expressions: access-log
/// filters and metric tag overrides read the request, response and connection through this one view, after the
/// response, as Envoy evaluates them at log time. Unknown or unavailable attributes are absent.
/// </summary>
internal sealed class RequestAttributeView(HttpContext context, RequestRecord record, bool mtls, string? peerPrincipal, TimeSpan duration, long requestBytes, long responseBytes)
    : IAttributeSource
{
    public bool TryGet(AttributeId id, out Value value)
    {
        var request = context.Request;
        value = id switch
        {
            AttributeId.RequestPath => Value.String(request.Path.Value + request.QueryString.Value),
            AttributeId.RequestUrlPath => Value.String(request.Path.Value ?? "/"),
            AttributeId.RequestHost => Value.String(request.Host.Value ?? ""),
            AttributeId.RequestScheme => Value.String(request.Scheme),
            AttributeId.RequestMethod => Value.String(request.Method),
            AttributeId.RequestQuery => Value.String(request.QueryString.HasValue ? request.QueryString.Value![1..] : ""),
            AttributeId.RequestProtocol => Value.String(request.Protocol),
            AttributeId.RequestUserAgent when request.Headers.UserAgent.Count > 0 => Value.String(request.Headers.UserAgent.ToString()),
            AttributeId.RequestReferer when request.Headers.Referer.Count > 0 => Value.String(request.Headers.Referer.ToString()),
            AttributeId.RequestId when request.Headers.TryGetValue("x-request-id", out var id1) => Value.String(id1.ToString()),
            AttributeId.RequestTime => Value.Timestamp(record.Start),
            AttributeId.RequestDuration => Value.Duration(duration),
            AttributeId.RequestSize => Value.Int(requestBytes),
            AttributeId.ResponseCode => Value.Int(context.Response.StatusCode),
            AttributeId.ResponseCodeDetails when record.Details is { } details => Value.String(details),
            AttributeId.ResponseFlags => Value.String(record.Flags),
            AttributeId.ResponseSize => Value.Int(responseBytes),
            AttributeId.ResponseGrpcStatus when GrpcStatus(context) is { } status => Value.Int(long.Parse(status, CultureInfo.InvariantCulture)),
            AttributeId.SourceAddress when context.Connection.RemoteIpAddress is { } a => Value.String(a.ToString()),
            AttributeId.SourcePort => Value.Int(context.Connection.RemotePort),
            AttributeId.DestinationAddress when DownstreamLocalAddress.Of(context) is { } local => Value.String(local.Address.ToString()),
            AttributeId.DestinationPort when DownstreamLocalAddress.Of(context) is { } local => Value.Int(local.Port),
            AttributeId.ConnectionMtls => Value.Bool(mtls),
            AttributeId.ConnectionUriSanPeerCertificate when peerPrincipal is not null => Value.String(peerPrincipal),
            AttributeId.UpstreamAddress when record.UpstreamHost is { } host => Value.String(host),
            AttributeId.XdsClusterName when record.Cluster is { } cluster => Value.String(cluster),
            AttributeId.XdsRouteName when record.RouteName is { } route => Value.String(route),
            _ => default,
        };
        return !value.IsError;
    }

    public bool TryGetEntry(AttributeMap map, string key, out Value value)
    {
        var headers = map switch
        {
            AttributeMap.RequestHeaders => context.Request.Headers,
            AttributeMap.ResponseHeaders => context.Response.Headers,
            AttributeMap.ResponseTrailers => context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers,
            _ => null,
        };
        if (headers is not null && headers.TryGetValue(key, out var values))
        {
            value = Value.String(values.ToString());
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>gRPC status from the trailers, or from the headers of a trailers-only response.</summary>
    public static string? GrpcStatus(HttpContext context)
    {
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        if (trailers is not null && trailers.TryGetValue("grpc-status", out var t) && t.Count > 0) return t[0];
        return context.Response.Headers.TryGetValue("grpc-status", out var h) && h.Count > 0 ? h[0] : null;
    }
}
