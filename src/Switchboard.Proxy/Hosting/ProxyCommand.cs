using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Identity.Workload;
using Switchboard.Proxy.Config;
using Switchboard.Proxy.Identity;
using Switchboard.Proxy.Runtime;

namespace Switchboard.Proxy.Hosting;

/// <summary>
/// <c>switchboard-proxy --config DIR --workload NAMESPACE/NAME [--outbound-port 15001] [--admin-port 15000]
/// [--ready-port 15021] [--metrics-port 15090] [--bind 127.0.0.1] [--access-log stdout|off] [--access-log-encoding text|json]
/// [--role gateway --gateway-port 8443 ...]</c>: static mode, serving the mesh in DIR as the sidecar (or, with
/// <c>--role gateway</c>, the gateway) of the named workload and reloading when DIR changes.
/// </summary>
public static class ProxyCommand
{
    private const string Usage = "usage: switchboard-proxy (--config DIR | --discovery URL [--ca URL --root-cert FILE --token-file FILE]) --workload NAMESPACE/NAME"
        + " [--outbound-port N] [--admin-port N] [--ready-port N] [--metrics-port N] [--inbound-port N] [--inbound-address IP:PORT]... [--bind ADDRESS]"
        + " [--access-log stdout|off] [--access-log-encoding text|json] [--role sidecar|gateway] [--gateway-port N]...";

    public static async Task<int> RunAsync(string[] args)
    {
        if (Parse(args) is not { } parsed)
        {
            Console.Error.WriteLine(Usage);
            return 64;
        }
        var (directory, discovery, workload, options, identity) = parsed;
        if (discovery is not null) return await RunDynamicAsync(discovery, workload, options, identity);
        if (!Directory.Exists(directory))
        {
            Console.Error.WriteLine($"switchboard-proxy: config directory {directory} does not exist");
            return 66;
        }
        var source = new StaticConfigSource(directory!, workload, options.Role);
        var (config, errors) = source.Load();
        if (config is null)
        {
            Console.Error.WriteLine($"switchboard-proxy: config in {directory} rejected:");
            foreach (var error in errors) Console.Error.WriteLine("  " + error);
            return 65;
        }
        await using var app = ProxyHost.Build(options, credentials: new Gateway.SnapshotCredentialSource(() => source.Snapshot));
        ProxyHost.Apply(app, config);
        using var watcher = new ConfigDirectoryWatcher(source, app.Services.GetRequiredService<ConfigHolder>(), TimeProvider.System,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("config"));
        await app.StartAsync();
        // Kestrel binds in declaration order; with port 0 this line is how a caller learns the real ports.
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Console.Error.WriteLine($"switchboard-proxy: {workload} ready outbound={bound[0]} admin={bound[1]} ready={bound[2]} metrics={bound[3]}");
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// Dynamic mode: config comes from the control plane's discovery stream; ready once the first config is in.
    /// With a CA (<c>--ca</c>, <c>--root-cert</c>, <c>--token-file</c>) the proxy first gets its SPIFFE certificate — its
    /// key made here and never sent — and only then starts listening, so it never serves without an identity;
    /// discovery then goes over TLS too when its URL is https.
    /// </summary>
    private static async Task<int> RunDynamicAsync(string discovery, string workload, ProxyOptions options, IdentityArgs? identityArgs)
    {
        var slash = workload.IndexOf('/');
        var self = new Translation.ProxyConfig.ProxyNode { Namespace = workload[..slash], Workload = workload[(slash + 1)..], Role = options.Role };
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        ControlPlaneConnection? secure = null;
        CertificateRotator? rotator = null;
        ProxyIdentity? identity = null;
        if (identityArgs is { } args)
        {
            try
            {
                secure = ControlPlaneConnection.Load(args.RootCert, args.TokenFile);
            }
            catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException)
            {
                Console.Error.WriteLine($"switchboard-proxy: {ex.Message}");
                return 66;
            }
            var connection = secure;
            // A channel per fetch (twice a day): it trusts the root file as it is then, which a root rotation changes.
            rotator = new CertificateRotator(async token =>
            {
                using var channel = connection.Channel(args.Ca);
                var client = new Switchboard.Identity.Api.Protocol.CertificateService.CertificateServiceClient(channel);
                return await new WorkloadCertificateSource(client, connection.Token, TimeProvider.System).FetchAsync(TimeSpan.Zero, token);
            }, TimeProvider.System);
            await rotator.StartAsync(stop.Token);
            identity = new ProxyIdentity(() => rotator.Current, TimeProvider.System);
            Console.Error.WriteLine($"switchboard-proxy: identity {rotator.Current.SpiffeId} until {rotator.Current.NotAfter:u}");
        }
        // Gateway credentials come from the control plane's TLS port, with the bootstrap token: never over plain text.
        var tlsDiscovery = discovery.StartsWith("https:", StringComparison.Ordinal) ? secure : null;
        Gateway.ICredentialSource? credentials = tlsDiscovery is { } cp ? new Gateway.ControlPlaneCredentialSource(() => cp.Channel(discovery), cp.Headers) : null;
        await using var app = ProxyHost.Build(options, identity: identity, credentials: credentials);
        var holder = app.Services.GetRequiredService<ConfigHolder>();
        if (rotator is not null) rotator.Rotated += (_, _) => holder.Refresh();
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        var client = new DiscoveryClient(discovery, self, holder, app.Services.GetRequiredService<RandomSource>(),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("discovery"), adminUrl: bound[1], secure: discovery.StartsWith("https:", StringComparison.Ordinal) ? secure : null, metricsUrl: bound[3]);
        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var streaming = client.RunAsync(stopping);
        Console.Error.WriteLine($"switchboard-proxy: {workload} started outbound={bound[0]} admin={bound[1]} ready={bound[2]} metrics={bound[3]}"
            + $"{(bound.Count > 5 ? " inbound=" + string.Join(",", bound.Skip(4).SkipLast(1)) : "")} discovery={discovery}");
        await app.WaitForShutdownAsync();
        await streaming;
        if (rotator is not null) await rotator.DisposeAsync();
        return 0;
    }

    /// <summary>Where the proxy gets its certificate: the CA's URL, the mesh root to trust, the bootstrap token's file.</summary>
    private sealed record IdentityArgs(string Ca, string RootCert, string TokenFile);

    private static (string? Directory, string? Discovery, string Workload, ProxyOptions Options, IdentityArgs? Identity)? Parse(string[] args)
    {
        string? directory = null, workload = null, discovery = null, ca = null, rootCert = null, tokenFile = null;
        int? inbound = null;
        var inboundAddresses = new List<IPEndPoint>();
        var bind = IPAddress.Loopback;
        var accessLog = Console.Out;
        var encoding = Telemetry.AccessLogEncoding.Text;
        var role = Translation.ProxyConfig.ProxyRole.Sidecar;
        var gatewayPorts = new List<int>();
        int outbound = 15001, admin = 15000, ready = 15021, metrics = 15090;
        if (args.Length % 2 != 0) return null;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--config": directory = value; break;
                case "--discovery": discovery = value; break;
                case "--workload": workload = value; break;
                case "--bind" when IPAddress.TryParse(value, out var address): bind = address; break;
                case "--outbound-port" when Port(value) is { } p: outbound = p; break;
                case "--admin-port" when Port(value) is { } p: admin = p; break;
                case "--ready-port" when Port(value) is { } p: ready = p; break;
                case "--metrics-port" when Port(value) is { } p: metrics = p; break;
                case "--inbound-port" when Port(value) is { } p: inbound = p; break;
                case "--inbound-address" when IPEndPoint.TryParse(value, out var endpoint): inboundAddresses.Add(endpoint); break;
                case "--role" when value is "sidecar" or "gateway": role = value == "gateway" ? Translation.ProxyConfig.ProxyRole.Gateway : Translation.ProxyConfig.ProxyRole.Sidecar; break;
                case "--gateway-port" when Port(value) is { } p: gatewayPorts.Add(p); break;
                case "--ca": ca = value; break;
                case "--root-cert": rootCert = value; break;
                case "--token-file": tokenFile = value; break;
                case "--access-log" when value is "stdout" or "off": accessLog = value == "off" ? TextWriter.Null : Console.Out; break;
                case "--access-log-encoding" when value is "text" or "json": encoding = value == "json" ? Telemetry.AccessLogEncoding.Json : Telemetry.AccessLogEncoding.Text; break;
                default: return null;
            }
        }
        if ((directory is null) == (discovery is null) || workload is null || !workload.Contains('/')) return null;
        // A CA needs all three; half an identity configuration is a usage error, not a proxy without mTLS.
        if ((ca, rootCert, tokenFile) is not (null, null, null) && (ca is null || rootCert is null || tokenFile is null || discovery is null)) return null;
        var identity = ca is null ? null : new IdentityArgs(ca, rootCert!, tokenFile!);
        return (directory, discovery, workload, new ProxyOptions
        {
            Outbound = new IPEndPoint(bind, outbound),
            Admin = new IPEndPoint(IPAddress.Loopback, admin), // admin never leaves loopback
            Ready = new IPEndPoint(bind, ready),
            Metrics = new IPEndPoint(bind, metrics),
            AccessLog = accessLog,
            AccessLogEncoding = encoding,
            Inbound = inbound is { } port ? new IPEndPoint(bind, port) : null,
            InboundAddresses = inboundAddresses,
            Role = role,
            GatewayPorts = gatewayPorts,
            GatewayAddress = bind,
        }, identity);
    }

    private static int? Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535 ? port : null;
}
