using Switchboard.Config.Source;
using static Switchboard.Config.Tests.TestSupport.ConfigYaml;

namespace Switchboard.Config.Tests.Validation;

public class TelemetryValidatorTests
{
    private static string Tel(string spec) => Doc("telemetry.istio.io/v1", "Telemetry", spec, ns: "istio-system");

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "sampling over 100", """
            tracing:
            - randomSamplingPercentage: 100.5 # <-
            """, "spec.tracing[0].randomSamplingPercentage" },
        { "sampling negative", """
            tracing:
            - randomSamplingPercentage: -1 # <-
            """, "spec.tracing[0].randomSamplingPercentage" },
        { "selector and targetRefs", """
            selector: # <-
              matchLabels: {app: reviews}
            targetRefs:
            - {kind: Service, name: reviews}
            """, "spec.selector" },
        { "provider without name", """
            accessLogging:
            - providers:
              - {} # <-
            """, "spec.accessLogging[0].providers[0].name is required" },
        { "custom tag with two sources", """
            tracing:
            - customTags:
                env: # <-
                  literal: {value: prod}
                  environment: {name: ENV}
            """, "spec.tracing[0].customTags[env]" },
        { "custom tag with no source", """
            tracing:
            - customTags:
                env: {} # <-
            """, "spec.tracing[0].customTags[env]" },
        { "upsert without value", """
            metrics:
            - overrides:
              - tagOverrides:
                  request_host: {operation: UPSERT} # <-
            """, "spec.metrics[0].overrides[0].tagOverrides[request_host]" },
        { "remove with value", """
            metrics:
            - overrides:
              - tagOverrides:
                  request_host:
                    operation: REMOVE
                    value: request.host # <-
            """, "spec.metrics[0].overrides[0].tagOverrides[request_host].value" },
        { "metric and customMetric", """
            metrics:
            - overrides:
              - match: # <-
                  metric: REQUEST_COUNT
                  customMetric: my_metric
                disabled: true
            """, "spec.metrics[0].overrides[0].match" },
        { "unknown metric", """
            metrics:
            - overrides:
              - match:
                  metric: REQUESTS # <-
            """, "spec.metrics[0].overrides[0].match.metric" },
        { "reporting interval", """
            metrics:
            - reportingInterval: 0s # <-
            """, "spec.metrics[0].reportingInterval" },
        { "empty filter", """
            accessLogging:
            - filter:
                expression: "" # <-
            """, "spec.accessLogging[0].filter.expression" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects(string name, string spec, string path)
    {
        _ = name;
        AssertReported(Tel(spec), path);
    }

    [Theory]
    [InlineData(16, false)]
    [InlineData(17, true)]
    public void TargetRefs_are_limited_to_16(int count, bool rejected)
    {
        var refs = string.Concat(Enumerable.Range(1, count).Select(i => $"\n- {{kind: Service, name: svc{i}}}"));
        var yaml = Tel($"targetRefs: # <-{refs}");
        if (rejected) AssertReported(yaml, "spec.targetRefs");
        else AssertClean(yaml.Replace(" # <-", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_tracing_entries_warn()
    {
        AssertReported(Tel("""
            tracing: # <-
            - providers: [{name: zipkin}]
            - providers: [{name: otel}]
            """), "spec.tracing", ProblemKind.SchemaWarning);
    }

    [Fact]
    public void CompleteExample_LoadsClean()
    {
        AssertClean(Tel("""
            selector:
              matchLabels: {app: reviews}
            tracing:
            - match: {mode: CLIENT_AND_SERVER}
              providers: [{name: otel-tracing}]
              randomSamplingPercentage: 0.01
              disableSpanReporting: false
              customTags:
                cluster: {literal: {value: prod-eu}}
                pod: {environment: {name: POD_NAME, defaultValue: unknown}}
                user: {header: {name: x-user, defaultValue: anonymous}}
                sni: {formatter: {value: "%REQUESTED_SERVER_NAME%"}}
              useRequestIdForTraceSampling: true
              enableIstioTags: true
              disableContextPropagation: false
            metrics:
            - providers: [{name: prometheus}]
              reportingInterval: 10s
              overrides:
              - match: {metric: REQUEST_COUNT, mode: SERVER}
                disabled: false
                tagOverrides:
                  request_host: {operation: UPSERT, value: request.host}
                  destination_port: {value: string(destination.port)}
                  grpc_response_status: {operation: REMOVE}
              - match: {customMetric: my_custom_metric, mode: CLIENT}
                disabled: true
              - match: {metric: TCP_OPENED_CONNECTIONS}
                disabled: true
            accessLogging:
            - match: {mode: SERVER}
              providers: [{name: envoy}]
              disabled: false
              filter:
                expression: response.code >= 400
            """));
    }

    [Fact]
    public void Payments_example_telemetry_loads_clean()
    {
        var result = Load(File.ReadAllText(Path.Combine(RepoRoot(), "examples", "payments", "telemetry.yaml")));
        Assert.Single(result.Resources);
        Assert.Empty(result.Problems);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchboard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Switchboard.sln not found above the test binaries");
    }
}
