using System.Collections.Concurrent;

namespace Switchboard.Proxy.Outbound;

/// <summary>
/// Carries a captured HTTP/2 connection's original destination across the loopback relay to the internal HTTP/2
/// listener (h2c cannot share Kestrel's HTTP/1.1 port): registered under the relay connection's local port, claimed once
/// by the internal listener, so passthrough and route-table-by-port work for HTTP/2 as for HTTP/1.1.
/// </summary>
internal sealed class OutboundRelayClaims
{
    private readonly ConcurrentDictionary<int, OriginalDestinationFeature> _pending = new();

    public void Register(int relayPort, OriginalDestinationFeature original) => _pending[relayPort] = original;

    public void Forget(int relayPort) => _pending.TryRemove(relayPort, out _);

    /// <summary>The original destination registered for a relay connection from <paramref name="remotePort"/>, if any.</summary>
    public OriginalDestinationFeature? Claim(int remotePort) => _pending.TryRemove(remotePort, out var original) ? original : null;
}
