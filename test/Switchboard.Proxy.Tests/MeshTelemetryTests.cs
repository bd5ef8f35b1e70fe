using System.Net;
using System.Text.RegularExpressions;

namespace Switchboard.Proxy.Tests;

/// <summary>
/// Istio's metrics and access logs between two real sidecars over mTLS, programmed by the control plane: the
/// destination reporter names the calling workload (peer metadata, checked against its certificate) and counts
/// denials; the Telemetry API filters the access log (CEL) and changes metric tags; the app never sees peer metadata.
/// </summary>
public sealed class MeshTelemetryTests : IAsyncLifetime
{
    private readonly MeshHarness _mesh = new("sb-telemetry-");
    private TestUpstream _payment = null!;

    private string Yaml => $$"""
        apiVersion: v1
        kind: Namespace
        metadata: { name: production, labels: { istio-injection: enabled } }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: payment-service, namespace: production }
        spec: { selector: { app: payment-service }, ports: [{ name: http, port: 8080, targetPort: {{_payment.Port}} }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: payment-service-v1-5d9f8b7c6d-xkp2q, namespace: production, labels: { app: payment-service, version: v1, pod-template-hash: 5d9f8b7c6d } }
        spec: { serviceAccountName: payment-service, containers: [{ name: app, image: payment, ports: [{ containerPort: {{_payment.Port}} }] }] }
        status: { podIP: 127.0.0.5 }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: checkout-6c7d8e9f0a-abcde, namespace: production, labels: { app: checkout-service, version: v2, pod-template-hash: 6c7d8e9f0a } }
        spec: { serviceAccountName: checkout-service-account, containers: [{ name: app, image: checkout }] }
        status: { podIP: 127.0.0.6 }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: fraud-0, namespace: production, labels: { app: fraud-detection } }
        spec: { serviceAccountName: fraud-detection, containers: [{ name: app, image: fraud }] }
        status: { podIP: 127.0.0.7 }
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: { name: strict, namespace: production }
        spec: { mtls: { mode: STRICT } }
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: { name: checkout-only, namespace: production }
        spec:
          selector: { matchLabels: { app: payment-service } }
          rules: [{ from: [{ source: { principals: ["cluster.local/ns/production/sa/checkout-service-account"] } }] }]
        ---
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: { name: mesh-default, namespace: istio-system }
        spec:
          accessLogging: [{ filter: { expression: "response.code >= 400 || request.url_path.startsWith('/logged')" } }]
          metrics:
          - overrides:
            - match: { metric: REQUEST_COUNT }
              tagOverrides: { request_host: { value: "request.host" } }
            - match: { metric: ALL_METRICS, mode: SERVER }
              tagOverrides: { destination_canonical_revision: { operation: REMOVE } }
            - match: { metric: REQUEST_SIZE }
              disabled: true
        """;

    public async Task InitializeAsync()
    {
        _payment = await TestUpstream.StartAsync("payment");
        await _mesh.StartControlPlaneAsync();
        Assert.True(_mesh.Store.Apply(Yaml, "mesh.yaml").Accepted);
    }

    public async Task DisposeAsync()
    {
        await _mesh.DisposeAsync();
        await _payment.DisposeAsync();
    }

    [Fact]
    public async Task Destination_reporter_names_the_caller_and_counts_denials()
    {
        var server = await _mesh.StartProxyAsync("production", "payment-service-v1-5d9f8b7c6d-xkp2q", "payment-service", inbound: [IPEndPoint.Parse($"127.0.0.5:{_payment.Port}")]);
        var checkout = await _mesh.StartProxyAsync("production", "checkout-6c7d8e9f0a-abcde", "checkout-service-account");
        var fraud = await _mesh.StartProxyAsync("production", "fraud-0", "fraud-detection");
        const string url = "http://payment-service.production:8080/";
        Assert.True(await Wait.Until(async () => (await checkout.Proxy.Client.GetAsync(url + "ok")).StatusCode == HttpStatusCode.OK), "checkout never got through: " + checkout.Proxy.AccessLog);
        Assert.Equal(HttpStatusCode.OK, (await checkout.Proxy.Client.GetAsync(url + "logged")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fraud.Proxy.Client.GetAsync(url + "ok")).StatusCode);
        Assert.DoesNotContain(_payment.Last!.Headers.Keys, k => k.StartsWith("x-envoy-", StringComparison.OrdinalIgnoreCase));

        var serverMetrics = await server.Proxy.Direct.GetStringAsync($"http://127.0.0.1:{server.Proxy.MetricsPort}/stats/prometheus");
        // The caller by its workload (Deployment name from the pod-template-hash), app, version and verified principal.
        Assert.Matches("istio_requests_total\\{reporter=\"destination\",source_workload=\"checkout\",source_workload_namespace=\"production\","
            + "source_principal=\"cluster.local/ns/production/sa/checkout-service-account\",source_app=\"checkout-service\",source_version=\"v2\","
            + "source_canonical_service=\"checkout-service\",source_canonical_revision=\"v2\",source_cluster=\"Kubernetes\","
            + "destination_workload=\"payment-service-v1\",destination_workload_namespace=\"production\",destination_principal=\"cluster.local/ns/production/sa/payment-service\","
            + "destination_app=\"payment-service\",destination_version=\"v1\",destination_service=\"payment-service.production.svc.cluster.local\","
            + "destination_service_name=\"payment-service\",destination_service_namespace=\"production\",destination_canonical_service=\"payment-service\","
            + "destination_cluster=\"Kubernetes\",request_protocol=\"http\",response_code=\"200\",grpc_response_status=\"\",response_flags=\"-\","
            + "connection_security_policy=\"mutual_tls\",request_host=\"payment-service.production:8080\"\\} 2", serverMetrics);
        // The denial, reported by the server with the denied caller's identity.
        Assert.Matches("istio_requests_total\\{reporter=\"destination\",source_workload=\"fraud-0\"[^}]*source_principal=\"cluster.local/ns/production/sa/fraud-detection\"[^}]*response_code=\"403\"[^}]*\\} 1", serverMetrics);
        // REMOVE on the server side only; REQUEST_SIZE disabled; RESPONSE_SIZE still there.
        Assert.DoesNotContain("destination_canonical_revision", serverMetrics);
        Assert.DoesNotContain("istio_request_bytes", serverMetrics);
        Assert.Contains("istio_response_bytes_bucket{reporter=\"destination\"", serverMetrics);

        var clientMetrics = await checkout.Proxy.Direct.GetStringAsync($"http://127.0.0.1:{checkout.Proxy.MetricsPort}/stats/prometheus");
        Assert.Matches("istio_requests_total\\{reporter=\"source\",source_workload=\"checkout\"[^}]*destination_workload=\"payment-service-v1\"[^}]*"
            + "destination_canonical_revision=\"v1\"[^}]*response_code=\"200\"[^}]*connection_security_policy=\"unknown\"[^}]*\\} 2", clientMetrics);
        Assert.DoesNotContain("istio_request_bytes", clientMetrics);
        Assert.Contains("istio_response_bytes_bucket{reporter=\"source\"", clientMetrics);

        // The access-log filter: errors and /logged only, on both sides.
        var serverLog = server.Proxy.AccessLog.ToString();
        Assert.Contains("\"GET /logged HTTP/1.1\" 200", serverLog);
        Assert.Contains("\" 403 - rbac_access_denied_matched_policy", serverLog.Replace("\"GET /ok HTTP/1.1\"", "\""));
        Assert.DoesNotContain("\"GET /ok HTTP/1.1\" 200", serverLog);
        Assert.DoesNotContain("\"GET /ok HTTP/1.1\" 200", checkout.Proxy.AccessLog.ToString());
    }

    [Fact]
    public async Task The_control_plane_merges_every_connected_proxys_metrics_kept_apart_by_pod()
    {
        var server = await _mesh.StartProxyAsync("production", "payment-service-v1-5d9f8b7c6d-xkp2q", "payment-service", inbound: [IPEndPoint.Parse($"127.0.0.5:{_payment.Port}")]);
        var checkout = await _mesh.StartProxyAsync("production", "checkout-6c7d8e9f0a-abcde", "checkout-service-account");
        const string url = "http://payment-service.production:8080/";
        Assert.True(await Wait.Until(async () => (await checkout.Proxy.Client.GetAsync(url + "ok")).StatusCode == HttpStatusCode.OK), "checkout never got through: " + checkout.Proxy.AccessLog);
        Assert.Equal(HttpStatusCode.OK, (await checkout.Proxy.Client.GetAsync(url + "ok")).StatusCode);

        var merged = await server.Proxy.Direct.GetStringAsync($"{_mesh.Http}/metrics/proxies");
        // Each proxy's own series, labelled with its pod; both reporters of the same two requests side by side.
        Assert.Matches("istio_requests_total\\{namespace=\"production\",pod=\"payment-service-v1-5d9f8b7c6d-xkp2q\",reporter=\"destination\",source_workload=\"checkout\"[^}]*connection_security_policy=\"mutual_tls\"[^}]*\\} 2\n", merged);
        Assert.Matches("istio_requests_total\\{namespace=\"production\",pod=\"checkout-6c7d8e9f0a-abcde\",reporter=\"source\",source_workload=\"checkout\"[^}]*\\} 2\n", merged);
        Assert.Matches("istio_request_duration_milliseconds_bucket\\{namespace=\"production\",pod=\"checkout-6c7d8e9f0a-abcde\",reporter=\"source\"[^}]*le=\"\\+Inf\"\\} 2\n", merged);
        Assert.Contains("switchboard_proxy_scrape_up{namespace=\"production\",pod=\"payment-service-v1-5d9f8b7c6d-xkp2q\"} 1\n", merged);
        Assert.Contains("switchboard_proxy_scrape_up{namespace=\"production\",pod=\"checkout-6c7d8e9f0a-abcde\"} 1\n", merged);
        // One TYPE line per family, however many proxies have it; only Istio's families (no proxy process metrics).
        Assert.Single(Regex.Matches(merged, "^# TYPE istio_requests_total counter$", RegexOptions.Multiline));
        Assert.DoesNotContain("process_", merged);
        // The control plane's own /metrics stays its own: a Prometheus scraping it and the pods counts each request once.
        Assert.DoesNotContain("istio_requests_total", await server.Proxy.Direct.GetStringAsync($"{_mesh.Http}/metrics"));
    }
}
