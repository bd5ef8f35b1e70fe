using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Tests.TestSupport;
using Switchboard.Translation.Translate;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>The Telemetry API for one proxy: mesh → namespace → workload, per side, with MeshConfig providers.</summary>
public sealed class TelemetryTests
{
    private const string Workloads = """
        apiVersion: v1
        kind: Pod
        metadata: {name: checkout, namespace: production, labels: {app: checkout}}
        spec: {containers: [{name: app}]}
        status: {podIP: 198.18.0.10}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: ledger, namespace: production, labels: {app: ledger}}
        spec: {containers: [{name: app}]}
        status: {podIP: 198.18.0.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: batch, namespace: jobs, labels: {app: batch}}
        spec: {containers: [{name: app}]}
        status: {podIP: 198.18.0.12}
        """;

    private const string MeshConfig = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: istio-system}
        data:
          mesh: |
            accessLogEncoding: JSON
            extensionProviders:
            - name: otel
              opentelemetry: {service: otel-collector.observability.svc.cluster.local, port: 4317}
            - name: zipkin
              zipkin: {service: zipkin.observability, port: 9411, path: /api/v2/spans}
            - name: errors-file
              envoyFileAccessLog: {path: /var/log/errors.log, logFormat: {labels: {code: "%RESPONSE_CODE%"}}}
            defaultProviders:
              tracing: [otel]
        """;

    private const string Telemetries = """
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: mesh-default, namespace: istio-system}
        spec:
          tracing: [{randomSamplingPercentage: 10, customTags: {cluster: {literal: {value: local}}}}]
          accessLogging: [{filter: {expression: "response.code >= 400"}}]
          metrics:
          - overrides: [{match: {metric: REQUEST_COUNT}, tagOverrides: {request_host: {value: request.host}}}]
        ---
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: namespace-wide, namespace: production}
        spec:
          accessLogging: [{match: {mode: SERVER}, disabled: true}]
          metrics:
          - overrides: [{match: {metric: ALL_METRICS, mode: CLIENT}, tagOverrides: {destination_canonical_revision: {operation: REMOVE}}}]
        ---
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: ledger-only, namespace: production}
        spec:
          selector: {matchLabels: {app: ledger}}
          tracing: [{providers: [{name: zipkin}], customTags: {user: {header: {name: X-User, defaultValue: anonymous}}}}]
          accessLogging: [{match: {mode: SERVER}, disabled: false, providers: [{name: errors-file}]}]
          metrics:
          - overrides: [{match: {metric: REQUEST_DURATION}, disabled: true}]
        """;

    private static TelemetryPolicy For(string yaml, string proxy)
    {
        var snapshot = Mesh.Snapshot(yaml);
        return Translator.TelemetryFor(snapshot, Mesh.Node(snapshot, proxy));
    }

    [Fact]
    public void Without_telemetry_config_access_logs_go_to_stdout_and_nothing_is_traced()
    {
        var telemetry = For(Workloads, "production/checkout");
        Assert.Equal([new AccessLogSink { Provider = "envoy" }], telemetry.ClientAccessLog.Sinks);
        Assert.Equal([new AccessLogSink { Provider = "envoy" }], telemetry.ServerAccessLog.Sinks);
        Assert.Null(telemetry.ClientTracing);
        Assert.Empty(telemetry.MetricOverrides);
    }

    [Fact]
    public void Namespace_level_overrides_the_mesh_for_its_side_only()
    {
        var telemetry = For(string.Join("\n---\n", Workloads, MeshConfig, Telemetries), "production/checkout");
        Assert.Equal([new AccessLogSink { Provider = "envoy", Encoding = "JSON", Filter = "response.code >= 400" }], telemetry.ClientAccessLog.Sinks);
        Assert.Empty(telemetry.ServerAccessLog.Sinks);
        var tracing = telemetry.ClientTracing!;
        Assert.Equal(("otel", "opentelemetry", "otel-collector.observability.svc.cluster.local:4317", 10.0), (tracing.Provider, tracing.Kind, tracing.Collector, tracing.SamplingPercentage));
        Assert.Equal("cluster", Assert.Single(tracing.CustomTags).Name);
        Assert.Equal(["REQUEST_COUNT CLIENT_AND_SERVER", "ALL_METRICS CLIENT"], telemetry.MetricOverrides.Select(o => $"{o.Metric} {o.Mode}"));
        Assert.True(telemetry.MetricOverrides[1].Tags.Single().Remove);
    }

    [Fact]
    public void Workload_level_fills_in_from_its_parents_and_replaces_custom_tags()
    {
        var telemetry = For(string.Join("\n---\n", Workloads, MeshConfig, Telemetries), "production/ledger");
        var tracing = telemetry.ServerTracing!;
        Assert.Equal(("zipkin", "zipkin.observability:9411", 10.0, true), (tracing.Kind, tracing.Collector, tracing.SamplingPercentage, tracing.Http));
        Assert.Equal([new SpanTag { Name = "user", Kind = "header", Value = "x-user", DefaultValue = "anonymous" }], tracing.CustomTags);
        // Re-enabled on the server side with its own provider; the mesh filter still applies (set by a parent, not changed here).
        Assert.Equal([new AccessLogSink { Provider = "errors-file", Path = "/var/log/errors.log", Encoding = "JSON", Filter = "response.code >= 400" }], telemetry.ServerAccessLog.Sinks);
        Assert.Equal(3, telemetry.MetricOverrides.Count);
        Assert.True(telemetry.MetricOverrides[2].Disabled);
    }

    [Fact]
    public void Other_namespaces_get_only_the_mesh_level()
    {
        var telemetry = For(string.Join("\n---\n", Workloads, MeshConfig, Telemetries), "jobs/batch");
        Assert.Single(telemetry.ServerAccessLog.Sinks);
        Assert.Single(telemetry.MetricOverrides);
    }

    [Fact]
    public void A_file_providers_text_format_travels_with_its_sink()
    {
        const string meshConfig = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: istio, namespace: istio-system}
            data:
              mesh: |
                extensionProviders:
                - name: audit
                  envoyFileAccessLog: {path: /dev/stdout, logFormat: {text: "%RESPONSE_CODE% %REQ(:PATH)%\n"}}
                defaultProviders: {accessLogging: [audit]}
            """;
        var telemetry = For(string.Join("\n---\n", Workloads, meshConfig), "production/checkout");
        Assert.Equal([new AccessLogSink { Provider = "audit", Path = "/dev/stdout", Format = "%RESPONSE_CODE% %REQ(:PATH)%\n" }], telemetry.ClientAccessLog.Sinks);
    }

    [Fact]
    public void Legacy_access_log_file_off_and_sampling_default()
    {
        const string meshConfig = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: istio, namespace: istio-system}
            data:
              mesh: |
                accessLogFile: ""
                defaultConfig: {tracing: {sampling: 2.5}}
                extensionProviders: [{name: otel, opentelemetry: {service: collector, port: 4317}}]
                defaultProviders: {tracing: [otel]}
            """;
        var telemetry = For(string.Join("\n---\n", Workloads, meshConfig), "production/checkout");
        Assert.Empty(telemetry.ClientAccessLog.Sinks);
        Assert.Equal(2.5, telemetry.ClientTracing!.SamplingPercentage);
    }
}
