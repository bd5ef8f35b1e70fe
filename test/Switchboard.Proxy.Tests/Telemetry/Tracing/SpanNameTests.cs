using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Telemetry;
using Switchboard.Proxy.Telemetry.Tracing;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>Span names: Istio's <c>&lt;service host&gt;:&lt;port&gt;/*</c> on both sides of a hop.</summary>
public sealed class SpanNameTests
{
    [Theory]
    // Client side: the routed cluster's service and port, whatever the caller wrote.
    [InlineData("client", "reviews:9080", "outbound|9080|v1|reviews.shop.svc.cluster.local", "reviews.shop.svc.cluster.local", "reviews.shop.svc.cluster.local:9080/*")]
    [InlineData("client", "ratings.shop:9080", null, null, "ratings.shop:9080/*")]
    // Server side: the Host widened as cluster DNS resolves it from the proxy's namespace (shop), its port else the inbound one.
    [InlineData("server", "reviews:9080", "inbound|8080||", null, "reviews.shop.svc.cluster.local:9080/*")]
    [InlineData("server", "reviews.other", "inbound|8080||", null, "reviews.other.svc.cluster.local:8080/*")]
    [InlineData("server", "reviews.other.svc:9080", "inbound|8080||", null, "reviews.other.svc.cluster.local:9080/*")]
    [InlineData("server", "api.example.com", "inbound|8443||", null, "api.example.com:8443/*")]
    [InlineData("server", "127.0.0.2:8080", "inbound|8080||", null, "127.0.0.2:8080/*")]
    public void Names_follow_the_service_on_both_sides(string side, string host, string? cluster, string? clusterHost, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString(host);
        var record = new RequestRecord(default, 0) { Cluster = cluster, ClusterHost = clusterHost };
        var kind = side == "client" ? ActivityKind.Client : ActivityKind.Server;
        Assert.Equal(expected, SpanName.Of(kind, context, record, "shop"));
    }
}
