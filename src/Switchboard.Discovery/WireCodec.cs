using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Discovery;

/// <summary>One virtual host of one route table: the unit in which routes travel (a change to one service's routes resends only its virtual host).</summary>
public sealed record RouteEntry
{
    public required string Table { get; init; }
    public required int Port { get; init; }
    public required VirtualHost VirtualHost { get; init; }

    /// <summary>Resource name: <c>table/host:port</c>.</summary>
    public static string NameOf(string table, VirtualHost host) => table + "/" + host.Name;
}

/// <summary>The proxy part: the proxy as the control plane sees it, what happens to traffic for destinations outside its scope, its inbound policy and its telemetry.</summary>
public sealed record ProxyPart
{
    /// <summary>The one resource name of the proxy type.</summary>
    public const string ResourceName = "proxy";

    public ProxyNode? Node { get; init; }
    public string OutboundTrafficPolicy { get; init; } = ProxyConfig.AllowAny;
    public TimeSpan? ProtocolDetectionTimeout { get; init; }
    public InboundPolicy? Inbound { get; init; }
    public TelemetryPolicy? Telemetry { get; init; }

    /// <summary>A gateway's listeners (chains, routes, credential references: never key material).</summary>
    public IReadOnlyList<GatewayListener>? GatewayListeners { get; init; }
}

/// <summary>
/// Encodes the resources of a ProxyConfig for the wire, one JSON body per named resource, and decodes them,
/// with System.Text.Json source generation (no reflection: the proxy is NativeAOT). Both ends use this one
/// class so they agree on what each type holds and how its resources are named.
/// </summary>
public static class WireCodec
{
    /// <summary>The four types that depend only on the proxy's shape (everything but the proxy part), encoded.</summary>
    public static IReadOnlyDictionary<string, ResourceSet> EncodeShared(ProxyConfig config) => new Dictionary<string, ResourceSet>(StringComparer.Ordinal)
    {
        [ResourceTypes.Clusters] = ResourceSet.Create(ResourceTypes.Clusters, config.Clusters.Select(c => (c.Name, Body(c, WireJsonContext.Default.Cluster)))),
        [ResourceTypes.Endpoints] = ResourceSet.Create(ResourceTypes.Endpoints, config.Endpoints.Select(e => (e.Cluster, Body(e, WireJsonContext.Default.ClusterEndpoints)))),
        [ResourceTypes.Tcp] = ResourceSet.Create(ResourceTypes.Tcp, config.TcpServices.Select(t => (t.Name, Body(t, WireJsonContext.Default.TcpService)))),
        [ResourceTypes.Routes] = ResourceSet.Create(ResourceTypes.Routes, config.RouteTables.SelectMany(t => t.VirtualHosts.Select(v =>
            (RouteEntry.NameOf(t.Name, v), Body(new RouteEntry { Table = t.Name, Port = t.Port, VirtualHost = v }, WireJsonContext.Default.RouteEntry))))),
    };

    /// <summary>The proxy part of one proxy's config (its own node, so never shared).</summary>
    public static ResourceSet EncodeProxy(ProxyConfig config) => ResourceSet.Create(ResourceTypes.Proxy,
        [(ProxyPart.ResourceName, Body(new ProxyPart { Node = config.Node, OutboundTrafficPolicy = config.OutboundTrafficPolicy, ProtocolDetectionTimeout = config.ProtocolDetectionTimeout, Inbound = config.Inbound, Telemetry = config.Telemetry,
            GatewayListeners = config.GatewayListeners.Count == 0 ? null : config.GatewayListeners }, WireJsonContext.Default.ProxyPart))]);

    /// <summary>Decodes one resource body of <paramref name="type"/>.</summary>
    public static object Decode(string type, ReadOnlySpan<byte> body) => type switch
    {
        ResourceTypes.Clusters => Decode(body, WireJsonContext.Default.Cluster),
        ResourceTypes.Endpoints => Decode(body, WireJsonContext.Default.ClusterEndpoints),
        ResourceTypes.Tcp => Decode(body, WireJsonContext.Default.TcpService),
        ResourceTypes.Routes => Decode(body, WireJsonContext.Default.RouteEntry),
        ResourceTypes.Proxy => Decode(body, WireJsonContext.Default.ProxyPart),
        _ => throw new ArgumentException($"unknown resource type {type}", nameof(type)),
    };

    private static byte[] Body<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.SerializeToUtf8Bytes(value, info);

    private static T Decode<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(body, info) ?? throw new JsonException("empty resource");
}

/// <summary>Source-generated serializers for the wire resources.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Cluster))]
[JsonSerializable(typeof(ClusterEndpoints))]
[JsonSerializable(typeof(TcpService))]
[JsonSerializable(typeof(RouteEntry))]
[JsonSerializable(typeof(ProxyPart))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
