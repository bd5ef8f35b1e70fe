using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Json;

/// <summary>
/// Writes a <see cref="ProxyConfig.ProxyConfig"/> as indented JSON for golden files and the proxy's <c>/config_dump</c>.
/// Written by hand with <see cref="Utf8JsonWriter"/> (no reflection, so NativeAOT keeps working). Deterministic:
/// properties in a fixed order, maps sorted by key, camelCase names and enum values. As proto3 JSON does, it leaves
/// out nulls, empty lists and objects, and false flags; durations are written as seconds (<c>"0.050s"</c>).
/// </summary>
public static class ProxyConfigJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Readable output: keep '+', '<', '>' and non-ASCII as they are; the output is served as JSON, never as HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The config as JSON text, ending in a newline.</summary>
    public static string Write(ProxyConfig.ProxyConfig config)
    {
        using var stream = new MemoryStream();
        Write(stream, config);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes the config as UTF-8 JSON to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ProxyConfig.ProxyConfig config)
    {
        using var writer = new Utf8JsonWriter(stream, Options);
        writer.WriteStartObject();
        writer.WritePropertyName("node");
        WriteNode(writer, config.Node);
        // Only the non-default policy is written, as proto3 JSON leaves out defaults (and goldens stay as they were).
        if (config.OutboundTrafficPolicy != ProxyConfig.ProxyConfig.AllowAny) writer.WriteString("outboundTrafficPolicy", config.OutboundTrafficPolicy);
        if (config.ProtocolDetectionTimeout is { } detection) writer.WriteString("protocolDetectionTimeout", $"{detection.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}s");
        WriteInbound(writer, config.Inbound);
        WriteTelemetry(writer, config.Telemetry);
        JsonParts.List(writer, "gatewayListeners", config.GatewayListeners, GatewayJson.WriteListener);
        JsonParts.List(writer, "routeTables", config.RouteTables, RouteJson.WriteTable);
        JsonParts.List(writer, "tcpServices", config.TcpServices, RouteJson.WriteTcpService);
        JsonParts.List(writer, "clusters", config.Clusters, ClusterJson.WriteCluster);
        JsonParts.List(writer, "endpoints", config.Endpoints, ClusterJson.WriteEndpoints);
        writer.WriteEndObject();
    }

    /// <summary>Left out when it is Istio's default (PERMISSIVE, no policy, no ports), as proto3 JSON leaves out defaults.</summary>
    private static void WriteInbound(Utf8JsonWriter w, InboundPolicy inbound)
    {
        if (inbound.Mode == PeerMode.Permissive && inbound.Policy is null && inbound.Ports.Count == 0 && inbound.Authorization.Count == 0 && inbound.JwtRules.Count == 0) return;
        w.WriteStartObject("inbound");
        JsonParts.Enum(w, "mode", (PeerMode?)inbound.Mode);
        JsonParts.String(w, "policy", inbound.Policy);
        JsonParts.List(w, "ports", inbound.Ports, (pw, port) =>
        {
            pw.WriteStartObject();
            pw.WriteNumber("port", port.Port);
            JsonParts.String(pw, "protocol", port.Protocol);
            JsonParts.Enum(pw, "mode", (PeerMode?)port.Mode);
            JsonParts.String(pw, "policy", port.Policy);
            pw.WriteEndObject();
        });
        // Which policies and rules are in force (their full text is in the store: sbctl get authorizationpolicy).
        JsonParts.List(w, "authorization", inbound.Authorization, (aw, policy) =>
            aw.WriteStringValue($"{policy.Namespace}/{policy.Name} {policy.Action.ToString().ToUpperInvariant()}{(policy.DryRun ? " (dry-run)" : "")} rules={policy.Rules.Count}"));
        JsonParts.List(w, "jwtRules", inbound.JwtRules, (jw, rule) =>
            jw.WriteStringValue(rule.JwksError is { } error ? $"{rule.Issuer} (keys unavailable: {error})" : rule.Issuer));
        w.WriteEndObject();
    }

    /// <summary>Left out when it is the default (access log on stdout in text on both sides, no tracing, no overrides).</summary>
    private static void WriteTelemetry(Utf8JsonWriter w, TelemetryPolicy telemetry)
    {
        static bool DefaultLog(AccessLogPolicy log) => log.Sinks is [{ Provider: "envoy", Path: null, Encoding: "TEXT", Filter: null }];
        if (DefaultLog(telemetry.ClientAccessLog) && DefaultLog(telemetry.ServerAccessLog) && telemetry.ClientTracing is null
            && telemetry.ServerTracing is null && telemetry.MetricOverrides.Count == 0) return;
        w.WriteStartObject("telemetry");
        static void Log(Utf8JsonWriter lw, string name, AccessLogPolicy log) => JsonParts.List(lw, name, log.Sinks, (sw, sink) =>
            sw.WriteStringValue($"{sink.Provider} {sink.Encoding} {sink.Path ?? "stdout"}{(sink.Filter is null ? "" : $" filter: {sink.Filter}")}{(sink.Format is null ? "" : $" format: {sink.Format.TrimEnd('\n')}")}"));
        Log(w, "clientAccessLog", telemetry.ClientAccessLog);
        Log(w, "serverAccessLog", telemetry.ServerAccessLog);
        static void Trace(Utf8JsonWriter tw, string name, TracingPolicy? tracing)
        {
            if (tracing is null) return;
            tw.WriteString(name, $"{tracing.Provider} ({tracing.Kind}) {tracing.Collector} sampling={tracing.SamplingPercentage.ToString(System.Globalization.CultureInfo.InvariantCulture)}%"
                + (tracing.DisableSpanReporting ? " reporting-disabled" : "") + string.Concat(tracing.CustomTags.Select(t => $" tag:{t.Name}={t.Kind}:{t.Value}")));
        }
        Trace(w, "clientTracing", telemetry.ClientTracing);
        Trace(w, "serverTracing", telemetry.ServerTracing);
        JsonParts.List(w, "metricOverrides", telemetry.MetricOverrides, (mw, o) =>
            mw.WriteStringValue($"{o.Metric} {o.Mode}{(o.Disabled is { } d ? (d ? " disabled" : " enabled") : "")}"
                + string.Concat(o.Tags.Select(t => t.Remove ? $" -{t.Tag}" : $" {t.Tag}={t.Value}"))));
        w.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter w, ProxyNode node)
    {
        w.WriteStartObject();
        w.WriteString("namespace", node.Namespace);
        w.WriteString("workload", node.Workload);
        JsonParts.Map(w, "labels", node.Labels);
        w.WriteString("serviceAccount", node.ServiceAccount);
        JsonParts.String(w, "ip", node.Ip);
        if (node.Role != ProxyRole.Sidecar) JsonParts.Enum(w, "role", (ProxyRole?)node.Role);
        w.WriteEndObject();
    }
}
