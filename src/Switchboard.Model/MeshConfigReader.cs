using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Config.Loading;
using Switchboard.Config.Nodes;

namespace Switchboard.Model;

/// <summary>
/// Istio's MeshConfig, read where Istio keeps it: the <c>mesh</c> key of the ConfigMap <c>istio</c> in the root namespace.
/// Only what Switchboard acts on is read — <c>pathNormalization.normalization</c>, <c>protocolDetectionTimeout</c>, the <c>extensionProviders</c> of kind
/// <c>envoyExtAuthzHttp</c> (for CUSTOM authorization), and the telemetry settings (<see cref="TelemetryDefaults"/>); anything else is left alone, as the ConfigMap is shared with
/// Istio's own settings. <c>trustDomain</c> is not taken from here: the CA is made with it when the control plane starts
/// (<c>--trust-domain</c>), and the identities translation expects must be the ones the CA issues.
/// A mesh config that cannot be read leaves Istio's defaults.
/// </summary>
public static class MeshConfigReader
{
    public static MeshOptions Read(IReadOnlyList<Resource> resources)
    {
        var defaults = MeshOptions.Default;
        var configMap = resources.OfType<Resource<ConfigMapBody>>()
            .FirstOrDefault(r => r.Name == "istio" && r.Namespace == defaults.RootNamespace && r.Spec.Data.ContainsKey("mesh"));
        if (configMap is null) return defaults;
        var documents = YamlNodeReader.Read(configMap.Spec.Data["mesh"], configMap.Source.File, new LoaderLimits(), []);
        if (documents.FirstOrDefault()?.Root is not MappingNode mesh) return defaults;
        return defaults with
        {
            PathNormalization = Text((mesh.Get("pathNormalization") as MappingNode)?.Get("normalization"))?.ToUpperInvariant() ?? defaults.PathNormalization,
            ProtocolDetectionTimeout = Text(mesh.Get("protocolDetectionTimeout")) is { } timeout && Switchboard.Config.Types.Duration.TryParse(timeout, out var parsed, out _)
                ? parsed.Value : defaults.ProtocolDetectionTimeout,
            ExtAuthzProviders = (mesh.Get("extensionProviders") as SequenceNode)?.Items.OfType<MappingNode>()
                .Select(Provider).OfType<ExtAuthzProvider>().ToList() ?? [],
            Telemetry = TelemetryOf(mesh, defaults.Telemetry),
        };
    }

    private static TelemetryDefaults TelemetryOf(MappingNode mesh, TelemetryDefaults defaults)
    {
        var providers = (mesh.Get("extensionProviders") as SequenceNode)?.Items.OfType<MappingNode>()
            .Select(TelemetryProviderOf).OfType<TelemetryProvider>().ToList() ?? [];
        var defaultProviders = mesh.Get("defaultProviders") as MappingNode;
        var sampling = ((mesh.Get("defaultConfig") as MappingNode)?.Get("tracing") as MappingNode)?.Get("sampling");
        // Legacy accessLogFile: set (non-empty) turns the built-in provider on; set empty turns the default off.
        var accessLogFile = Text(mesh.Get("accessLogFile"));
        var accessLogging = defaultProviders?.Get("accessLogging") is SequenceNode named ? Strings(named)
            : accessLogFile is null ? defaults.DefaultAccessLogging
            : accessLogFile.Length > 0 ? ["envoy"] : [];
        return defaults with
        {
            Providers = providers,
            DefaultTracing = Strings(defaultProviders?.Get("tracing")),
            DefaultAccessLogging = accessLogging,
            AccessLogEncoding = Text(mesh.Get("accessLogEncoding"))?.ToUpperInvariant() ?? defaults.AccessLogEncoding,
            DefaultSamplingPercentage = double.TryParse(Text(sampling), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p)
                ? p : defaults.DefaultSamplingPercentage,
        };
    }

    private static TelemetryProvider? TelemetryProviderOf(MappingNode node)
    {
        if (Text(node.Get("name")) is not { } name) return null;
        foreach (var kind in new[] { "opentelemetry", "zipkin", "envoyFileAccessLog", "prometheus" })
        {
            if (node.Get(kind) is not MappingNode body) continue;
            var http = body.Get("http") as MappingNode;
            return new TelemetryProvider
            {
                Name = name,
                Kind = kind,
                Service = Text(body.Get("service")),
                Port = int.TryParse(Text(body.Get("port")), out var port) ? port : 0,
                Path = Text(body.Get("path")) ?? Text(http?.Get("path")),
                Http = http is not null,
                JsonLabels = (body.Get("logFormat") as MappingNode)?.Get("labels") is MappingNode,
                TextFormat = Text((body.Get("logFormat") as MappingNode)?.Get("text")),
            };
        }
        return null;
    }

    private static ExtAuthzProvider? Provider(MappingNode node)
    {
        if (Text(node.Get("name")) is not { } name || node.Get("envoyExtAuthzHttp") is not MappingNode http) return null;
        if (Text(http.Get("service")) is not { } service || !int.TryParse(Text(http.Get("port")), out var port)) return null;
        return new ExtAuthzProvider
        {
            Name = name,
            Service = service,
            Port = port,
            PathPrefix = Text(http.Get("pathPrefix")) ?? "",
            Timeout = Text(http.Get("timeout")) is { } t && Config.Types.Duration.TryParse(t, out var d, out _) ? d.Value : TimeSpan.FromSeconds(10),
            IncludeRequestHeaders = Strings(http.Get("includeRequestHeadersInCheck")),
            HeadersToUpstreamOnAllow = Strings(http.Get("headersToUpstreamOnAllow")),
            HeadersToDownstreamOnDeny = Strings(http.Get("headersToDownstreamOnDeny")),
        };
    }

    private static string? Text(ConfigNode? node) => node is ScalarNode { Type: not ScalarType.Null } scalar ? scalar.Value : null;

    private static IReadOnlyList<string> Strings(ConfigNode? node) =>
        node is SequenceNode sequence ? sequence.Items.Select(Text).OfType<string>().ToList() : [];
}

/// <summary>An external HTTP authorizer (MeshConfig <c>extensionProviders[].envoyExtAuthzHttp</c>) that CUSTOM policies name.</summary>
public sealed record ExtAuthzProvider
{
    public required string Name { get; init; }

    /// <summary>The authorizer's host, e.g. <c>ext-authz.foo.svc.cluster.local</c> (a service the mesh knows).</summary>
    public required string Service { get; init; }

    public required int Port { get; init; }
    public string PathPrefix { get; init; } = "";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public IReadOnlyList<string> IncludeRequestHeaders { get; init; } = [];
    public IReadOnlyList<string> HeadersToUpstreamOnAllow { get; init; } = [];
    public IReadOnlyList<string> HeadersToDownstreamOnDeny { get; init; } = [];
}
