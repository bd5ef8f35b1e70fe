using System.Net;
using Switchboard.Translation.ProxyConfig;
using static Switchboard.Proxy.Tests.Telemetry.Tracing.TracedSidecars;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>
/// What a reported span says, exported over OTLP/gRPC: Envoy's tags for the request and its outcome, Istio's workload
/// tags, the Telemetry API's custom tags of all three kinds, and error on a 5xx.
/// </summary>
public sealed class SpanContentTests : IAsyncLifetime
{
    private OtlpReceiver _collector = null!;
    private TestUpstream _app = null!;

    public async Task InitializeAsync()
    {
        _collector = await OtlpReceiver.StartAsync();
        _app = await TestUpstream.StartAsync("reviews");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task Spans_carry_Envoys_and_Istios_tags_and_literal_environment_and_header_custom_tags()
    {
        // A variable of the proxy's process (this test process hosts the proxy), named so no other test can touch it.
        var variable = $"SB_TRACE_REGION_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "eu-west-1");
        SpanTag[] tags =
        [
            new() { Name = "team", Kind = "literal", Value = "payments" },
            new() { Name = "region", Kind = "environment", Value = variable },
            new() { Name = "zone", Kind = "environment", Value = variable + "_UNSET", DefaultValue = "zone-default" },
            new() { Name = "tenant", Kind = "header", Value = "x-tenant", DefaultValue = "none" },
            new() { Name = "tier", Kind = "header", Value = "x-tier", DefaultValue = "free" },
            new() { Name = "absent", Kind = "header", Value = "x-absent" },
        ];
        var config = Sidecar("productpage", _collector.Policy(100, grpc: true, tags), null, ("reviews", "127.0.0.1", _app.Port));
        await using var proxy = await ProxyUnderTest.StartAsync(config);

        using (var request = new HttpRequestMessage(HttpMethod.Get, "http://reviews.default:8080/api/v1?q=1"))
        {
            request.Headers.Add("x-tenant", "acme");
            request.Headers.Add("x-request-id", "tags-ok");
            Assert.Equal(HttpStatusCode.OK, (await proxy.Client.SendAsync(request)).StatusCode);
        }
        var span = Assert.Single(await _collector.WaitFor(s => s.Tag("guid:x-request-id") == "tags-ok"));
        Assert.Equal(("productpage.default", $"{Fqdn("reviews")}:8080/*", ReceivedSpan.ClientKind), (span.Service, span.Name, span.Kind));
        Assert.Equal("payments", span.Tag("team"));
        Assert.Equal("eu-west-1", span.Tag("region"));
        Assert.Equal("zone-default", span.Tag("zone"));
        Assert.Equal("acme", span.Tag("tenant"));
        Assert.Equal("free", span.Tag("tier"));
        Assert.False(span.Attributes.ContainsKey("absent"), "a header tag without a default and no header is left out");
        Assert.Equal("GET", span.Tag("http.method"));
        Assert.Equal("http://reviews.default:8080/api/v1?q=1", span.Tag("http.url"));
        Assert.Equal(200L, span.Attributes["http.status_code"]);
        Assert.Equal("-", span.Tag("response_flags"));
        Assert.Equal(ClusterOf("reviews"), span.Tag("upstream_cluster"));
        Assert.Equal($"127.0.0.1:{_app.Port}", span.Tag("upstream_address"));
        Assert.Equal("127.0.0.1", span.Tag("peer.address"));
        Assert.Equal("sidecar~127.0.0.1~productpage-0.default~default.svc.cluster.local", span.Tag("node_id"));
        Assert.Equal(("productpage", "v1", "default", "cluster.local"),
            (span.Tag("istio.canonical_service"), span.Tag("istio.canonical_revision"), span.Tag("istio.namespace"), span.Tag("istio.mesh_id")));
        Assert.False(span.Attributes.ContainsKey("error"));

        // A 5xx from the app is an error; a local 404 (no route) is not, and has its flag.
        _app.FailNext(1, 500);
        using (var failing = new HttpRequestMessage(HttpMethod.Get, "http://reviews.default:8080/"))
        {
            failing.Headers.Add("x-request-id", "tags-500");
            Assert.Equal(HttpStatusCode.InternalServerError, (await proxy.Client.SendAsync(failing)).StatusCode);
        }
        using (var unrouted = new HttpRequestMessage(HttpMethod.Get, "http://ratings.default:8080/"))
        {
            unrouted.Headers.Add("x-request-id", "tags-404");
            Assert.Equal(HttpStatusCode.NotFound, (await proxy.Client.SendAsync(unrouted)).StatusCode);
        }
        var error = Assert.Single(await _collector.WaitFor(s => s.Tag("guid:x-request-id") == "tags-500"));
        Assert.Equal((500L, "true"), (error.Attributes["http.status_code"], error.Tag("error")));
        var noRoute = Assert.Single(await _collector.WaitFor(s => s.Tag("guid:x-request-id") == "tags-404"));
        Assert.Equal(("ratings.default:8080/*", "NR", 404L), (noRoute.Name, noRoute.Tag("response_flags"), noRoute.Attributes["http.status_code"]));
        Assert.False(noRoute.Attributes.ContainsKey("error"));
    }
}
