using Microsoft.AspNetCore.Http;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// <c>x-request-id</c>, as Envoy's connection manager keeps it: the first proxy a request meets gives it one (a UUID v4)
/// if it has none — the client sidecar, or the server sidecar for a caller without one — and every hop after keeps it,
/// so access logs and spans of one request line up. It comes from the system's CSPRNG (<see cref="RandomUuids"/>), not the proxy's
/// injectable <see cref="Runtime.RandomSource"/>: ids must be unique across proxies, and seeded test proxies would repeat them.
/// </summary>
internal static class RequestId
{
    /// <summary>The request's id, made and set on the request when it came without one.</summary>
    public static string Ensure(IHeaderDictionary headers)
    {
        if (headers.TryGetValue(TraceHeaders.RequestId, out var existing) && existing.Count > 0 && !string.IsNullOrEmpty(existing[0])) return existing[0]!;
        var id = RandomUuids.Next().ToString();
        headers[TraceHeaders.RequestId] = id;
        return id;
    }
}
