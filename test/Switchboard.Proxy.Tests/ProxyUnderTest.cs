using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Proxy.Hosting;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests;

/// <summary>
/// A running switchboard-proxy on loopback ephemeral ports with a given config, a seeded random source,
/// and an HttpClient that uses it as its HTTP proxy (so requests go out in absolute form, as curl -x does).
/// </summary>
public sealed class ProxyUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProxyUnderTest(WebApplication app, StringWriter log, int outbound, int admin, int ready, int metrics)
    {
        MetricsPort = metrics;
        _app = app;
        AccessLog = log;
        OutboundPort = outbound;
        AdminPort = admin;
        ReadyPort = ready;
        Client = new HttpClient(new SocketsHttpHandler
        {
            Proxy = new WebProxy($"http://127.0.0.1:{outbound}"),
            UseProxy = true,
            AllowAutoRedirect = false,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        Direct = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }
    public HttpClient Direct { get; }
    public StringWriter AccessLog { get; }
    public int OutboundPort { get; }
    public int AdminPort { get; }
    public int ReadyPort { get; }
    public int MetricsPort { get; }

    /// <summary>The proxy's config holder (for driving it from a discovery client).</summary>
    internal Runtime.ConfigHolder Holder => _app.Services.GetRequiredService<Runtime.ConfigHolder>();

    /// <summary>The proxy's request tracer (which export pipelines are live).</summary>
    internal Proxy.Telemetry.Tracing.RequestTracer Tracer => _app.Services.GetRequiredService<Proxy.Telemetry.Tracing.RequestTracer>();

    /// <summary>Starts a proxy with <paramref name="config"/>, or with none (dynamic mode: config arrives later).</summary>
    public static async Task<ProxyUnderTest> StartAsync(ProxyConfig? config, int seed = 42, Proxy.Telemetry.AccessLogEncoding encoding = Proxy.Telemetry.AccessLogEncoding.Text,
        Identity.ProxyIdentity? identity = null, IReadOnlyList<IPEndPoint>? inbound = null, TimeProvider? time = null,
        Switchboard.Proxy.Outbound.OriginalDestinationReader? originalDestination = null, TimeSpan? detectionTimeout = null)
    {
        var log = new StringWriter();
        var options = new ProxyOptions
        {
            Outbound = new IPEndPoint(IPAddress.Loopback, 0),
            Admin = new IPEndPoint(IPAddress.Loopback, 0),
            Ready = new IPEndPoint(IPAddress.Loopback, 0),
            Metrics = new IPEndPoint(IPAddress.Loopback, 0),
            AccessLog = TextWriter.Synchronized(log),
            AccessLogEncoding = encoding,
            InboundAddresses = inbound ?? [],
            OriginalDestination = originalDestination ?? Switchboard.Proxy.Outbound.SocketOriginalDestination.Read,
            ProtocolDetectionTimeout = detectionTimeout ?? TimeSpan.FromMilliseconds(100),
        };
        var app = ProxyHost.Build(options, time, new Random(seed), identity);
        if (config is not null) Assert.True(ProxyHost.Apply(app, config));
        await app.StartAsync();
        // Kestrel binds listeners in the order they were declared: outbound, admin, ready, metrics.
        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).ToArray();
        return new ProxyUnderTest(app, log, ports[0], ports[1], ports[2], ports[3]);
    }

    public bool Apply(ProxyConfig config) => ProxyHost.Apply(_app, config);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Direct.Dispose();
        await _app.DisposeAsync();
    }
}
