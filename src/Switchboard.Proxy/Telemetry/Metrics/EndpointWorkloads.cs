using System.Runtime.CompilerServices;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>The destination labels of each endpoint, computed once per endpoint object rather than per request.</summary>
internal static class EndpointWorkloads
{
    private static readonly ConditionalWeakTable<Endpoint, PeerWorkload> Cache = new();

    public static PeerWorkload Of(Endpoint? endpoint) =>
        endpoint is null ? PeerWorkload.Unknown : Cache.GetValue(endpoint, static e => PeerWorkload.Of(e));
}
