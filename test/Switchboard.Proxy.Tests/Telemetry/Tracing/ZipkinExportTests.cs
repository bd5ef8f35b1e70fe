using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Translation.ProxyConfig;
using static Switchboard.Proxy.Tests.Telemetry.Tracing.TracedSidecars;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>
/// Istio's <c>zipkin</c> provider: spans posted as Zipkin v2 JSON to the collector's path, and B3 read before W3C
/// when a caller sends both (Envoy's Zipkin tracer is a B3 tracer).
/// </summary>
public sealed class ZipkinExportTests
{
    [Fact]
    public async Task The_zipkin_provider_posts_Zipkin_JSON_and_continues_the_B3_context()
    {
        var posted = new ConcurrentQueue<JsonElement>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var zipkin = builder.Build();
        zipkin.MapPost("/api/v2/spans", async (Microsoft.AspNetCore.Http.HttpRequest request) =>
        {
            using var json = await JsonDocument.ParseAsync(request.Body);
            foreach (var span in json.RootElement.EnumerateArray()) posted.Enqueue(span.Clone());
            return Microsoft.AspNetCore.Http.Results.Accepted();
        });
        await zipkin.StartAsync();
        var port = new Uri(zipkin.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        await using var app = await TestUpstream.StartAsync("reviews");
        var policy = new TracingPolicy { Provider = "zipkin", Kind = "zipkin", Collector = $"127.0.0.1:{port}", Http = true, SamplingPercentage = 0 };
        await using var proxy = await ProxyUnderTest.StartAsync(Sidecar("productpage", policy, null, ("reviews", "127.0.0.1", app.Port)));

        const string trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string parent = "00f067aa0ba902b7";
        using (var request = new HttpRequestMessage(HttpMethod.Get, "http://reviews.default:8080/"))
        {
            request.Headers.Add("x-b3-traceid", trace);
            request.Headers.Add("x-b3-spanid", parent);
            request.Headers.Add("x-b3-sampled", "1");
            request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
            Assert.Equal(HttpStatusCode.OK, (await proxy.Client.SendAsync(request)).StatusCode);
        }
        Assert.True(await Wait.Until(() => Task.FromResult(!posted.IsEmpty)), "no span reached the Zipkin collector");
        var span = Assert.Single(posted);
        Assert.Equal(trace, span.GetProperty("traceId").GetString());
        Assert.Equal(parent, span.GetProperty("parentId").GetString());
        Assert.Equal("CLIENT", span.GetProperty("kind").GetString());
        Assert.Equal($"{Fqdn("reviews")}:8080/*", span.GetProperty("name").GetString());
        Assert.Equal("productpage.default", span.GetProperty("localEndpoint").GetProperty("serviceName").GetString());
        Assert.Equal(app.Last!.Headers["x-request-id"], span.GetProperty("tags").GetProperty("guid:x-request-id").GetString());
        // The app sees the proxy's span under the caller's, in the caller's trace (the W3C header's trace lost to B3).
        Assert.Equal((trace, span.GetProperty("id").GetString(), parent), (app.Last.Headers["x-b3-traceid"], app.Last.Headers["x-b3-spanid"], app.Last.Headers["x-b3-parentspanid"]));
    }
}
