using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>
/// A middle app in a call chain: for each request it calls the next service through its own sidecar's outbound
/// listener, either forwarding the trace headers (what Istio asks of apps) or not (what makes orphaned spans).
/// </summary>
public sealed class RelayApp : IAsyncDisposable
{
    /// <summary>The headers the seed tells apps to forward, and the W3C pair.</summary>
    public static readonly string[] TraceHeaders =
        ["x-request-id", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "b3", "traceparent", "tracestate"];

    private readonly WebApplication _app;
    private readonly bool _forward;
    private HttpClient? _client;
    private string _next = "";

    private RelayApp(WebApplication app, bool forward)
    {
        _app = app;
        _forward = forward;
    }

    public int Port { get; private set; }

    /// <summary>The request this app last received (headers lower-cased).</summary>
    public SeenRequest? Last { get; private set; }

    public static async Task<RelayApp> StartAsync(bool forwardHeaders)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var relay = new RelayApp(app, forwardHeaders);
        app.Run(relay.HandleAsync);
        await app.StartAsync();
        relay.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return relay;
    }

    /// <summary>Calls <paramref name="next"/> through the sidecar whose outbound listener is <paramref name="outboundPort"/>.</summary>
    public void CallThrough(int outboundPort, string next)
    {
        _client = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy($"http://127.0.0.1:{outboundPort}"), UseProxy = true, ActivityHeadersPropagator = null });
        _next = next;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Last = new SeenRequest(context.Request.Path + context.Request.QueryString, context.Request.Host.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), "");
        using var call = new HttpRequestMessage(HttpMethod.Get, _next);
        if (_forward)
        {
            foreach (var name in TraceHeaders)
                if (context.Request.Headers.TryGetValue(name, out var value)) call.Headers.TryAddWithoutValidation(name, value.ToString());
        }
        using var answer = await _client!.SendAsync(call, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        await context.Response.WriteAsync("relayed: " + await answer.Content.ReadAsStringAsync(context.RequestAborted));
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await _app.DisposeAsync();
    }
}
