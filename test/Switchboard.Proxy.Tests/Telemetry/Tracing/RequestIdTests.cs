using System.Net;
using static Switchboard.Proxy.Tests.Telemetry.Tracing.TracedSidecars;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>
/// <c>x-request-id</c> with no tracing configured: the first proxy that sees a request without one gives it a UUID v4
/// (the client side, or the server side for a caller without a sidecar); one that has it keeps it.
/// </summary>
public sealed class RequestIdTests
{
    private const string UuidV4 = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

    [Fact]
    public async Task The_first_proxy_gives_a_request_an_id_and_later_ones_keep_it()
    {
        await using var app = await TestUpstream.StartAsync("reviews");
        await using var server = await ProxyUnderTest.StartAsync(Sidecar("reviews", null, null), inbound: [PodAddress(4, app.Port)]);
        await using var client = await ProxyUnderTest.StartAsync(Sidecar("productpage", null, null, ("reviews", "127.0.0.4", app.Port)));

        // Through both sidecars: made by the client side, kept by the server side.
        Assert.Equal(HttpStatusCode.OK, (await client.Client.GetAsync("http://reviews.default:8080/")).StatusCode);
        var made = app.Last!.Headers["x-request-id"];
        Assert.Matches(UuidV4, made);
        Assert.Contains($"\"{made}\"", client.AccessLog.ToString());
        Assert.Contains($"\"{made}\"", server.AccessLog.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.Client.GetAsync("http://reviews.default:8080/")).StatusCode);
        Assert.NotEqual(made, app.Last!.Headers["x-request-id"]);

        // An app's own id is kept.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "http://reviews.default:8080/"))
        {
            request.Headers.Add("x-request-id", "from-the-app");
            Assert.Equal(HttpStatusCode.OK, (await client.Client.SendAsync(request)).StatusCode);
        }
        Assert.Equal("from-the-app", app.Last!.Headers["x-request-id"]);

        // A caller without a sidecar, straight to the pod address: the server side makes one.
        Assert.Equal(HttpStatusCode.OK, (await server.Direct.GetAsync($"http://127.0.0.4:{app.Port}/")).StatusCode);
        Assert.Matches(UuidV4, app.Last!.Headers["x-request-id"]);
    }
}
