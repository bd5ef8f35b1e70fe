using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Discovery;

/// <summary>
/// The four resource types a proxy is sent, in push order: clusters before the endpoints that fill them,
/// both before the TCP services and route tables that name them (so no request is routed to a cluster the
/// proxy does not have yet: Envoy's make-before-break order).
/// </summary>
public static class ResourceTypes
{
    public const string Clusters = "clusters";
    public const string Endpoints = "endpoints";
    public const string Tcp = "tcp";
    public const string Routes = "routes";

    public static IReadOnlyList<string> PushOrder { get; } = [Clusters, Endpoints, Tcp, Routes];
}

/// <summary>The routes part of a config: route tables, the outbound traffic policy, and the proxy as the control plane sees it.</summary>
public sealed record RoutesPart
{
    public ProxyNode? Node { get; init; }
    public IReadOnlyList<RouteTable> RouteTables { get; init; } = [];
    public string OutboundTrafficPolicy { get; init; } = ProxyConfig.AllowAny;
}

/// <summary>
/// Encodes each resource type of a ProxyConfig for the wire and back, with System.Text.Json source generation
/// (no reflection: the proxy is NativeAOT). Split and joined here so both ends agree on what a type holds.
/// </summary>
public static class WireCodec
{
    public static byte[] Encode(ProxyConfig config, string type) => type switch
    {
        ResourceTypes.Clusters => JsonSerializer.SerializeToUtf8Bytes(config.Clusters, WireJsonContext.Default.IReadOnlyListCluster),
        ResourceTypes.Endpoints => JsonSerializer.SerializeToUtf8Bytes(config.Endpoints, WireJsonContext.Default.IReadOnlyListClusterEndpoints),
        ResourceTypes.Tcp => JsonSerializer.SerializeToUtf8Bytes(config.TcpServices, WireJsonContext.Default.IReadOnlyListTcpService),
        ResourceTypes.Routes => JsonSerializer.SerializeToUtf8Bytes(new RoutesPart { Node = config.Node, RouteTables = config.RouteTables, OutboundTrafficPolicy = config.OutboundTrafficPolicy }, WireJsonContext.Default.RoutesPart),
        _ => throw new ArgumentException($"unknown resource type {type}", nameof(type)),
    };

    /// <summary>Replaces the <paramref name="type"/> part of <paramref name="config"/> with the decoded payload.</summary>
    public static ProxyConfig Apply(ProxyConfig config, string type, ReadOnlySpan<byte> payload) => type switch
    {
        ResourceTypes.Clusters => config with { Clusters = Decode(payload, WireJsonContext.Default.IReadOnlyListCluster) },
        ResourceTypes.Endpoints => config with { Endpoints = Decode(payload, WireJsonContext.Default.IReadOnlyListClusterEndpoints) },
        ResourceTypes.Tcp => config with { TcpServices = Decode(payload, WireJsonContext.Default.IReadOnlyListTcpService) },
        ResourceTypes.Routes => Decode(payload, WireJsonContext.Default.RoutesPart) is var routes
            ? config with { Node = routes.Node ?? config.Node, RouteTables = routes.RouteTables, OutboundTrafficPolicy = routes.OutboundTrafficPolicy }
            : config,
        _ => throw new ArgumentException($"unknown resource type {type}", nameof(type)),
    };

    private static T Decode<T>(ReadOnlySpan<byte> payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(payload, info) ?? throw new JsonException("empty payload");
}

/// <summary>Source-generated serializers for the ProxyConfig records.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<Cluster>))]
[JsonSerializable(typeof(IReadOnlyList<ClusterEndpoints>))]
[JsonSerializable(typeof(IReadOnlyList<TcpService>))]
[JsonSerializable(typeof(RoutesPart))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
