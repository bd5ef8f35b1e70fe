using System.Collections.Concurrent;

namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// The caller of each inbound request, decoded from (principal, peer-metadata header) once and remembered: a caller
/// sends the same header on every request. Bounded, so headers that vary cannot grow it without limit.
/// </summary>
internal sealed class CallerWorkloads
{
    private const int Capacity = 4096;
    private readonly ConcurrentDictionary<(string? Principal, string? Header), PeerWorkload> _cache = new();

    public PeerWorkload Of(string? principal, string? header)
    {
        if (_cache.TryGetValue((principal, header), out var known)) return known;
        var caller = PeerMetadata.Caller(principal, header);
        if (_cache.Count < Capacity) _cache.TryAdd((principal, header), caller);
        return caller;
    }
}
