using Microsoft.AspNetCore.Http;

namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>The request and response bodies of one request, counted as they pass (see <see cref="CountingStream"/>).</summary>
internal sealed class BodyCounters
{
    private readonly CountingStream _request;
    private readonly CountingStream _response;

    private BodyCounters(HttpContext context, bool grpc)
    {
        Grpc = grpc;
        _request = new CountingStream(context.Request.Body, grpc);
        _response = new CountingStream(context.Response.Body, grpc);
        context.Request.Body = _request;
        context.Response.Body = _response;
    }

    public bool Grpc { get; }
    public long RequestBytes => _request.Bytes;
    public long ResponseBytes => _response.Bytes;
    public long RequestMessages => _request.Messages;
    public long ResponseMessages => _response.Messages;

    /// <summary>Puts counters in front of both bodies; gRPC is told by the request's content type.</summary>
    public static BodyCounters Install(HttpContext context) =>
        new(context, context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true);
}
