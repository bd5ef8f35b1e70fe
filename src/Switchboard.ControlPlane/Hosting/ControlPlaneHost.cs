using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.ControlPlane.Api;
using Switchboard.ControlPlane.Discovery;
using Switchboard.ControlPlane.Store;
using Switchboard.ControlPlane.Telemetry;

namespace Switchboard.ControlPlane.Hosting;

/// <summary>
/// Where the control plane keeps config and listens (Istio's ports, on loopback): 15014 HTTP, 15010 discovery in plain
/// text, 15012 discovery and CA over TLS. Its own state (CA keys, the token socket) lives in DIR/.switchboard (0700),
/// which the config loader and watcher skip.
/// </summary>
public sealed record ControlPlaneOptions(string Directory)
{
    public IPEndPoint Http { get; init; } = new(IPAddress.Loopback, 15014);
    public IPEndPoint Discovery { get; init; } = new(IPAddress.Loopback, 15010);
    public IPEndPoint Secure { get; init; } = new(IPAddress.Loopback, 15012);

    /// <summary>Let jwksUri point at loopback, link-local and private addresses (a local identity provider in tests); off by default (SSRF).</summary>
    public bool AllowPrivateJwks { get; init; }

    /// <summary>MeshConfig trustDomain.</summary>
    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>The control plane's own files.</summary>
    public string StateDirectory => Path.Combine(Directory, ".switchboard");

    /// <summary>The CA's files: Istio's plug-in files if placed here, else the self-signed root made on first start.</summary>
    public string CaDirectory { get; init; } = "";

    /// <summary>The Unix socket bootstrap tokens are minted on (only its owner may connect).</summary>
    public string TokenSocket => Path.Combine(StateDirectory, "token.sock");

    internal string ResolvedCaDirectory => CaDirectory.Length > 0 ? CaDirectory : Path.Combine(StateDirectory, "ca");
}

/// <summary>Assembles the control plane: the file-backed config store, its HTTP API, and the discovery stream.</summary>
public static class ControlPlaneHost
{
    /// <summary>How long the merged view waits for one proxy's metrics (a stuck proxy is reported down, not waited for).</summary>
    private static readonly TimeSpan ProxyScrapeTimeout = TimeSpan.FromSeconds(1);

    public static WebApplication Build(ControlPlaneOptions options, out FileConfigStore store)
    {
        // 0700 before anything is put in it: the CA key and the token socket are protected by this directory.
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the control plane keeps its keys with Unix file modes");
        System.IO.Directory.CreateDirectory(options.StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(options.StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // The TLS port's certificate names every address proxies may dial it on (the runtime's bridge address, say).
        var identity = new ControlPlaneIdentity(options.ResolvedCaDirectory, options.TrustDomain, TimeProvider.System,
            options.Secure.Address.Equals(IPAddress.Loopback) ? [] : [options.Secure.Address]);
        if (File.Exists(options.TokenSocket)) File.Delete(options.TokenSocket);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(options.Http, l => l.Protocols = HttpProtocols.Http1);
            k.Listen(options.Discovery, l => l.Protocols = HttpProtocols.Http2);
            k.Listen(options.Secure, l =>
            {
                l.Protocols = HttpProtocols.Http2;
                // The chain up to the root, so proxies that trust only the root verify a plugged-in intermediate too.
                l.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = identity.Serving, ServerCertificateChain = identity.Ca.CreateIssuerChain() });
            });
            k.ListenUnixSocket(options.TokenSocket, l =>
            {
                l.Protocols = HttpProtocols.Http1;
                var marker = new LocalSocketConnection();
                l.Use(next => connection =>
                {
                    connection.Features.Set(marker);
                    return next(connection);
                });
            });
        });
        var configStore = new FileConfigStore(options.Directory);
        var jwksOptions = new Switchboard.Authentication.Jwks.JwksFetcherOptions { AllowPrivate = options.AllowPrivateJwks };
        var jwks = new JwksCache(new Switchboard.Authentication.Jwks.JwksFetcher(Switchboard.Authentication.Jwks.JwksFetcher.CreateClient(jwksOptions), jwksOptions, TimeProvider.System), TimeProvider.System);
        var discovery = new DiscoveryServer(configStore, TimeProvider.System, identity.Verifier, jwks);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(discovery);
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(new Switchboard.Identity.Api.CertificateServiceImpl(identity.Issuer, identity.Verifier));
        builder.Services.AddSingleton(new Credentials.GatewayCredentialService(discovery, identity.Verifier));
        var app = builder.Build();
        var watcher = new StoreDirectoryWatcher(configStore, TimeProvider.System);
        app.Lifetime.ApplicationStopping.Register(watcher.Dispose);
        app.Lifetime.ApplicationStopping.Register(discovery.Stop);
        app.Lifetime.ApplicationStopped.Register(identity.Dispose);
        var api = new ConfigApi(configStore);
        app.MapGrpcService<DiscoveryServer>();
        app.MapGrpcService<Switchboard.Identity.Api.CertificateServiceImpl>();
        app.MapGrpcService<Credentials.GatewayCredentialService>();
        app.MapPost("/apis/token", new RequestDelegate(new TokenApi(identity.Tokens).IssueAsync));
        app.MapPost("/apis/apply", new RequestDelegate(c => api.ApplyAsync(c, delete: false)));
        app.MapPost("/apis/delete", new RequestDelegate(c => api.ApplyAsync(c, delete: true)));
        app.MapGet("/apis/resources", new RequestDelegate(api.ListAsync));
        app.MapGet("/debug/configz", new RequestDelegate(api.ListAsync));
        app.MapGet("/debug/syncz", new RequestDelegate(c => Syncz(c, discovery)));
        app.MapGet("/debug/config_dump", new RequestDelegate(c => ConfigDump(c, discovery)));
        app.MapGet("/healthz", new RequestDelegate(c => c.Response.WriteAsync("ok\n")));
        app.MapGet("/metrics", new RequestDelegate(c => c.Response.WriteAsync(discovery.Metrics.Render(discovery.Connections.Count))));
        // The proxies' istio_* metrics merged (sbctl x top reads them) are served beside /metrics, not in it: a Prometheus
        // that scrapes the control plane and the pods, as Istio's own setup does, would count every request twice if
        // /metrics carried them too, and the control plane's own scrape would wait on every proxy's.
        var scraper = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = ProxyScrapeTimeout });
        app.Lifetime.ApplicationStopped.Register(scraper.Dispose);
        var merged = new MergedProxyMetrics(scraper, ProxyScrapeTimeout);
        app.MapGet("/metrics/proxies", new RequestDelegate(async c =>
        {
            c.Response.ContentType = "text/plain; version=0.0.4";
            await c.Response.WriteAsync(await merged.RenderAsync(discovery.Connections, c.RequestAborted));
        }));
        store = configStore;
        return app;
    }

    /// <summary>
    /// <c>/debug/config_dump?proxy=ns/name</c>: the config a proxy holds as far as the control plane knows (the sets it
    /// ACKed), in the proxy's own /config_dump format, so sbctl can tell when the two differ.
    /// </summary>
    private static Task ConfigDump(HttpContext context, DiscoveryServer discovery)
    {
        var id = context.Request.Query["proxy"].FirstOrDefault();
        var connection = discovery.Connections.FirstOrDefault(c => c.Id == id);
        if (connection?.Self is not { } self)
        {
            context.Response.StatusCode = 404;
            return context.Response.WriteAsync($"no connected proxy {id}\n");
        }
        var held = Switchboard.Discovery.HeldResources.From(connection.Held.Values).ToConfig(self);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Switchboard.Translation.Json.ProxyConfigJson.Write(held));
    }

    /// <summary>Per connected proxy and type: version sent, version acknowledged, rejection (what proxy-status shows).</summary>
    private static Task Syncz(HttpContext context, DiscoveryServer discovery)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var connection in discovery.Connections.OrderBy(c => c.Id, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("proxy", connection.Id);
                w.WriteString("admin", connection.Node.Admin);
                w.WriteStartObject("types");
                foreach (var (type, state) in connection.Types.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    w.WriteStartObject(type);
                    w.WriteString("sent", state.SentVersion);
                    w.WriteString("acked", state.AckedVersion);
                    if (state.Error is { } error) w.WriteString("error", error);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
