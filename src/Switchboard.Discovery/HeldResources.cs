using System.Collections.Immutable;
using Switchboard.Discovery.Protocol;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Discovery;

/// <summary>
/// The proxy's side of the protocol: the decoded resources it holds, per type and name. A response is applied to
/// a copy (<see cref="Apply"/>), the copy becomes a ProxyConfig (<see cref="ToConfig"/>), and only if the proxy
/// accepts that config does the copy replace what is held: a rejected delta leaves nothing half-applied.
/// </summary>
public sealed class HeldResources
{
    private readonly ImmutableDictionary<string, ImmutableSortedDictionary<string, object>> _types;

    private HeldResources(ImmutableDictionary<string, ImmutableSortedDictionary<string, object>> types) => _types = types;

    public static HeldResources Empty { get; } = new(ImmutableDictionary.Create<string, ImmutableSortedDictionary<string, object>>(StringComparer.Ordinal));

    /// <summary>
    /// The resources of a config already in force: a proxy that reconnects starts from these, so each type the new
    /// stream replaces swaps in on top of the others it still serves, not on top of nothing.
    /// </summary>
    public static HeldResources From(ProxyConfig config) =>
        WireCodec.EncodeShared(config).Values.Append(WireCodec.EncodeProxy(config)).Aggregate(Empty, (held, set) => held.ApplyWhole(set));

    /// <summary>The resources of <paramref name="sets"/>, decoded (what the control plane believes a proxy holds).</summary>
    public static HeldResources From(IEnumerable<ResourceSet> sets) => sets.Aggregate(Empty, (held, set) => held.ApplyWhole(set));

    /// <summary>Whether every type has been received (a new proxy installs its first config only then).</summary>
    public bool Complete => ResourceTypes.PushOrder.All(_types.ContainsKey);

    /// <summary>What holding the resources after <paramref name="response"/> would be; throws (JsonException, ArgumentException, InvalidDataException, InvalidProtocolBufferException) on a body that cannot be decoded.</summary>
    public HeldResources Apply(DiscoveryResponse response)
    {
        var type = response.TypeUrl;
        var current = response.Replace || !_types.TryGetValue(type, out var held)
            ? ImmutableSortedDictionary.Create<string, object>(StringComparer.Ordinal)
            : held;
        var builder = current.ToBuilder();
        var (changed, removed) = ResourceDelta.Contents(response);
        foreach (var name in removed) builder.Remove(name);
        foreach (var resource in changed) builder[resource.Name] = WireCodec.Decode(type, resource.Body.Span);
        return new HeldResources(_types.SetItem(type, builder.ToImmutable()));
    }

    private HeldResources ApplyWhole(ResourceSet set) => Apply(ResourceDelta.Between(null, set).ToResponse("", ""));

    /// <summary>The config these resources make, on top of <paramref name="self"/> (the proxy's own node until the control plane names it).</summary>
    public ProxyConfig ToConfig(ProxyNode self)
    {
        var proxy = Of<ProxyPart>(ResourceTypes.Proxy).FirstOrDefault();
        var tables = Of<RouteEntry>(ResourceTypes.Routes)
            .GroupBy(e => (e.Table, e.Port))
            .OrderBy(g => g.Key.Port).ThenBy(g => g.Key.Table, StringComparer.Ordinal)
            .Select(g => new RouteTable { Name = g.Key.Table, Port = g.Key.Port, VirtualHosts = g.Select(e => e.VirtualHost).ToList() })
            .ToList();
        return new ProxyConfig
        {
            Node = proxy?.Node ?? self,
            OutboundTrafficPolicy = proxy?.OutboundTrafficPolicy ?? ProxyConfig.AllowAny,
            ProtocolDetectionTimeout = proxy?.ProtocolDetectionTimeout,
            Inbound = proxy?.Inbound ?? new InboundPolicy(),
            Telemetry = proxy?.Telemetry ?? new TelemetryPolicy(),
            GatewayListeners = proxy?.GatewayListeners ?? [],
            Clusters = Of<Cluster>(ResourceTypes.Clusters).ToList(),
            Endpoints = Of<ClusterEndpoints>(ResourceTypes.Endpoints).ToList(),
            TcpServices = Of<TcpService>(ResourceTypes.Tcp).ToList(),
            RouteTables = tables,
        };
    }

    /// <summary>Resources of one type in name order (virtual hosts of a table therefore stay in name order).</summary>
    private IEnumerable<T> Of<T>(string type) => _types.TryGetValue(type, out var held) ? held.Values.Cast<T>() : [];
}
