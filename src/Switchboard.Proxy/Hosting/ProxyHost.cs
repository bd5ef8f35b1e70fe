using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Proxy.Admin;
using Switchboard.Proxy.Identity;
using Switchboard.Proxy.Inbound;
using Switchboard.Proxy.Pipeline;
using Switchboard.Proxy.Runtime;
using Switchboard.Proxy.Telemetry;
using Switchboard.Proxy.Telemetry.Tracing;
using Yarp.ReverseProxy.Forwarder;

namespace Switchboard.Proxy.Hosting;

/// <summary>
/// Assembles the proxy: Kestrel with one listener per role (outbound, admin, ready), each connection
/// tagged with its role by connection middleware, and one terminal handler that dispatches on the tag.
/// Time and randomness come in from outside so tests can control them.
/// </summary>
public static class ProxyHost
{
    public static WebApplication Build(ProxyOptions options, TimeProvider? time = null, Random? random = null, ProxyIdentity? identity = null,
        Gateway.ICredentialSource? credentials = null)
    {
        // No appsettings reload: the proxy takes its settings from its arguments, and reloading would watch the whole
        // working directory tree for changes (inotify on every subdirectory, a wake-up per file written anywhere below it).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Upstream failures are answered and access-logged with their flag; YARP's own line per failure is noise.
        builder.Logging.AddFilter("Yarp", LogLevel.Error);
        // Hosting's per-request diagnostics log only below Warning, but any enabled logger for its category makes it start an
        // Activity and a log scope for every request (~1.5 µs of ~25 µs, bench/README.md). Nothing is lost: the app's errors
        // are logged under Kestrel's category, and a failed start still surfaces as StartAsync's exception.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // The socket engine's completions run inline (Program, InlineSocketCompletions): Kestrel then runs each connection's
        // pipeline on that thread too instead of queueing it, which is where the saving is.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = InlineSocketCompletions.Enabled);
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton(random is null ? RandomSource.Shared : new RandomSource(random));
        builder.Services.AddSingleton(identity ?? ProxyIdentity.None);
        builder.Services.AddSingleton<ConfigHolder>();
        builder.Services.AddSingleton<InboundRequestHandler>();
        builder.Services.AddSingleton<InboundRelay>();
        builder.Services.AddSingleton(sp => new AccessLog(options.AccessLog, sp.GetRequiredService<TimeProvider>(), options.AccessLogEncoding));
        builder.Services.AddSingleton<Mirroring>();
        builder.Services.AddSingleton<Passthrough>();
        builder.Services.AddSingleton<Telemetry.Metrics.IstioMetrics>();
        builder.Services.AddSingleton<Outbound.OpaqueTcpForwarder>();
        builder.Services.AddSingleton<Outbound.OutboundRelayClaims>();
        builder.Services.AddSingleton(sp => new Outbound.TcpAccessLog(options.AccessLog, sp.GetRequiredService<TimeProvider>(), options.AccessLogEncoding));
        builder.Services.AddSingleton(sp => new Outbound.CapturedOutbound(sp.GetRequiredService<ConfigHolder>(), sp.GetRequiredService<RandomSource>(),
            sp.GetRequiredService<Outbound.OpaqueTcpForwarder>(), sp.GetRequiredService<Outbound.TcpAccessLog>(),
            sp.GetRequiredService<TimeProvider>(), options.ProtocolDetectionTimeout));
        builder.Services.AddSingleton<OutboundRequestHandler>();
        builder.Services.AddSingleton<RequestTracer>();
        builder.Services.AddSingleton<AdminEndpoints>();
        builder.Services.AddSingleton(sp => new Gateway.GatewayCredentials(credentials ?? Gateway.NoCredentialSource.Instance, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<Gateway.GatewayTcpForwarder>();
        // The internal HTTP/2 listener binds port 0; its ListenOptions hold the real port once Kestrel has bound it.
        ListenOptions? outboundHttp2 = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // HTTP/2 that arrived over mTLS reaches Kestrel through the plain-text relay with :scheme https.
            kestrel.AllowAlternateSchemes = true;
            // HTTP/1.1 only for now: Kestrel cannot offer h2c prior knowledge next to HTTP/1.1 on a cleartext port;
            // HTTP/2 from callers arrives with protocol sniffing (captured traffic) and TLS (mTLS).
            Listen(kestrel, options.Outbound, ListenerKind.Outbound, HttpProtocols.Http1, tunnel: options, relayPort: () => BoundPort(outboundHttp2));
            Listen(kestrel, options.Admin, ListenerKind.Admin, HttpProtocols.Http1);
            Listen(kestrel, options.Ready, ListenerKind.Ready, HttpProtocols.Http1);
            Listen(kestrel, options.Metrics, ListenerKind.Metrics, HttpProtocols.Http1);
            // Inbound listeners come after the fixed four so the ready line's order stays; TLS and HTTP/2 are chosen per connection.
            var inbounds = (options.Inbound is { } captured ? [captured] : Array.Empty<System.Net.IPEndPoint>()).Concat(options.InboundAddresses).ToList();
            foreach (var inbound in inbounds) ListenInbound(kestrel, inbound);
            foreach (var port in options.GatewayPorts) ListenGateway(kestrel, new System.Net.IPEndPoint(options.GatewayAddress, port));
            if (inbounds.Count > 0 || options.GatewayPorts.Count > 0) ListenInboundRelay(kestrel);
            // The internal HTTP/2-only listener h2c connections to the outbound port are relayed to (declared last).
            Listen(kestrel, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), ListenerKind.Outbound, HttpProtocols.Http2, relayed: true, bound: l => outboundHttp2 = l);
        });
        var app = builder.Build();
        var outbound = app.Services.GetRequiredService<OutboundRequestHandler>();
        var admin = app.Services.GetRequiredService<AdminEndpoints>();
        var metrics = app.Services.GetRequiredService<Telemetry.Metrics.IstioMetrics>();
        var inboundHandler = app.Services.GetRequiredService<InboundRequestHandler>();
        var configs = app.Services.GetRequiredService<ConfigHolder>();
        var gatewayCredentials = app.Services.GetRequiredService<Gateway.GatewayCredentials>();
        configs.Applied += config => gatewayCredentials.Prefetch(config.GatewayListeners);
        // Tracing wraps each side's handler: request id and trace context before anything else reads the request, the
        // span ended after the response (and the access log line) are done.
        var tracer = app.Services.GetRequiredService<RequestTracer>();
        RequestDelegate client = outbound.HandleAsync, server = inboundHandler.HandleAsync;
        app.Run(context => context.Features.Get<ListenerRole>()?.Kind switch
        {
            ListenerKind.Outbound or ListenerKind.Gateway => tracer.Around(context, System.Diagnostics.ActivityKind.Client, client),
            ListenerKind.Inbound => tracer.Around(context, System.Diagnostics.ActivityKind.Server, server),
            ListenerKind.Admin => admin.HandleAsync(context),
            ListenerKind.Ready when context.Request.Path == "/healthz/ready" => admin.Ready(context),
            ListenerKind.Metrics when context.Request.Path == "/stats/prometheus" => context.Response.WriteAsync(
                metrics.Render(configs.Current?.Telemetry.Metrics ?? Telemetry.Metrics.MetricView.Default) + Telemetry.Metrics.ProcessMetrics.Render()),
            _ => NotFound(context),
        });
        return app;
    }

    /// <summary>The config holder of a built proxy (to install configs from a config source).</summary>
    public static bool Apply(WebApplication app, Translation.ProxyConfig.ProxyConfig config) =>
        app.Services.GetRequiredService<ConfigHolder>().TryApply(config);

    private static void Listen(KestrelServerOptions kestrel, System.Net.IPEndPoint endpoint, ListenerKind kind, HttpProtocols protocols, ProxyOptions? tunnel = null,
        bool relayed = false, Func<int>? relayPort = null, Action<ListenOptions>? bound = null) =>
        kestrel.Listen(endpoint, listen =>
        {
            listen.Protocols = protocols;
            bound?.Invoke(listen);
            var role = new ListenerRole(kind);
            if (relayed)
            {
                // A relayed captured connection gets its original destination back (Outbound/OutboundRelayClaims).
                var claims = listen.ApplicationServices.GetRequiredService<Outbound.OutboundRelayClaims>();
                listen.Use(next => connection =>
                {
                    if ((connection.RemoteEndPoint as System.Net.IPEndPoint)?.Port is { } port && claims.Claim(port) is { } original) connection.Features.Set(original);
                    return next(connection);
                });
            }
            if (tunnel is not null)
            {
                // CONNECT tunnels and captured connections start below HTTP (ListenOptions services exist by the time this runs).
                var services = listen.ApplicationServices;
                listen.Use(next => new OutboundConnectionMiddleware(next, services.GetRequiredService<ConfigHolder>(),
                    services.GetRequiredService<RandomSource>(), tunnel.AccessLog, relayPort!, services.GetRequiredService<Outbound.OpaqueTcpForwarder>(),
                    services.GetRequiredService<Outbound.CapturedOutbound>(), tunnel.OriginalDestination, services.GetRequiredService<Outbound.OutboundRelayClaims>()).OnConnectionAsync);
            }
            listen.Use(next => connection =>
            {
                connection.Features.Set(role);
                return next(connection);
            });
        });

    private static void ListenInbound(KestrelServerOptions kestrel, System.Net.IPEndPoint endpoint) =>
        kestrel.Listen(endpoint, listen =>
        {
            // HTTP/1.1: Kestrel offers HTTP/2 next to it only on listeners with its own TLS, and ours is per connection.
            listen.Protocols = HttpProtocols.Http1;
            var services = listen.ApplicationServices;
            var role = new ListenerRole(ListenerKind.Inbound);
            listen.Use(next => new InboundConnectionMiddleware(next, services.GetRequiredService<ConfigHolder>(), services.GetRequiredService<InboundRelay>(),
                services.GetRequiredService<ILoggerFactory>().CreateLogger("inbound"), services.GetRequiredService<Telemetry.Metrics.IstioMetrics>()).OnConnectionAsync);
            listen.Use(next => connection =>
            {
                connection.Features.Set(role);
                return next(connection);
            });
        });

    /// <summary>A gateway port: TLS, SNI and chains per connection (<see cref="Gateway.GatewayConnectionMiddleware"/>), then the routing pipeline.</summary>
    private static void ListenGateway(KestrelServerOptions kestrel, System.Net.IPEndPoint endpoint) =>
        kestrel.Listen(endpoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            var services = listen.ApplicationServices;
            listen.Use(next => new Gateway.GatewayConnectionMiddleware(next, services.GetRequiredService<ConfigHolder>(), services.GetRequiredService<Gateway.GatewayCredentials>(),
                services.GetRequiredService<InboundRelay>(), services.GetRequiredService<Gateway.GatewayTcpForwarder>(),
                services.GetRequiredService<ILoggerFactory>().CreateLogger("gateway")).OnConnectionAsync);
        });

    /// <summary>The internal HTTP/2 listener inbound HTTP/2 is relayed to: it admits only connections the relay registered.</summary>
    private static void ListenInboundRelay(KestrelServerOptions kestrel) =>
        kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            var services = listen.ApplicationServices;
            var relay = services.GetRequiredService<InboundRelay>();
            relay.Port = () => BoundPort(listen);
            var role = new ListenerRole(ListenerKind.Inbound);
            listen.Use(next => connection =>
            {
                if ((connection.RemoteEndPoint as System.Net.IPEndPoint)?.Port is not { } port || relay.Claim(port) is not { } ticket) return Task.CompletedTask;
                connection.Features.Set(ticket.Peer);
                // The caller's addresses, not the relay socket's: what authorization, XFF and the access log must see.
                if (ticket.Remote is not null) connection.RemoteEndPoint = ticket.Remote;
                if (ticket.Local is not null) connection.LocalEndPoint = ticket.Local;
                connection.Features.Set(ticket.Kind == ListenerKind.Inbound ? role : new ListenerRole(ticket.Kind));
                if (ticket.Gateway is { } gateway) connection.Features.Set(gateway);
                return next(connection);
            });
        });

    /// <summary>The port an internal listener bound (Kestrel writes the real endpoint back into its ListenOptions when it binds port 0).</summary>
    private static int BoundPort(ListenOptions? listen) =>
        listen?.IPEndPoint is { Port: > 0 } endpoint ? endpoint.Port : throw new InvalidOperationException("the internal HTTP/2 listener is not bound yet");

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }
}
