using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Proxy.Config;
using Switchboard.Proxy.Runtime;

namespace Switchboard.Proxy.Hosting;

/// <summary>
/// <c>switchboard-proxy --config DIR --workload NAMESPACE/NAME [--outbound-port 15001] [--admin-port 15000]
/// [--ready-port 15021] [--metrics-port 15090] [--bind 127.0.0.1] [--access-log stdout|off] [--access-log-encoding text|json]</c>: static mode, serving the mesh in DIR
/// as the sidecar of the named workload and reloading when DIR changes.
/// </summary>
public static class ProxyCommand
{
    private const string Usage = "usage: switchboard-proxy (--config DIR | --discovery URL) --workload NAMESPACE/NAME [--outbound-port N] [--admin-port N] [--ready-port N] [--metrics-port N] [--bind ADDRESS] [--access-log stdout|off] [--access-log-encoding text|json]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (Parse(args) is not { } parsed)
        {
            Console.Error.WriteLine(Usage);
            return 64;
        }
        var (directory, discovery, workload, options) = parsed;
        if (discovery is not null) return await RunDynamicAsync(discovery, workload, options);
        if (!Directory.Exists(directory))
        {
            Console.Error.WriteLine($"switchboard-proxy: config directory {directory} does not exist");
            return 66;
        }
        var source = new StaticConfigSource(directory!, workload);
        var (config, errors) = source.Load();
        if (config is null)
        {
            Console.Error.WriteLine($"switchboard-proxy: config in {directory} rejected:");
            foreach (var error in errors) Console.Error.WriteLine("  " + error);
            return 65;
        }
        await using var app = ProxyHost.Build(options);
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

    /// <summary>Dynamic mode: config comes from the control plane's discovery stream; ready once the first config is in.</summary>
    private static async Task<int> RunDynamicAsync(string discovery, string workload, ProxyOptions options)
    {
        await using var app = ProxyHost.Build(options);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        var slash = workload.IndexOf('/');
        var self = new Translation.ProxyConfig.ProxyNode { Namespace = workload[..slash], Workload = workload[(slash + 1)..] };
        var client = new DiscoveryClient(discovery, self, app.Services.GetRequiredService<ConfigHolder>(), app.Services.GetRequiredService<RandomSource>(),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("discovery"), adminUrl: bound[1]);
        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var streaming = client.RunAsync(stopping);
        Console.Error.WriteLine($"switchboard-proxy: {workload} started outbound={bound[0]} admin={bound[1]} ready={bound[2]} metrics={bound[3]} discovery={discovery}");
        await app.WaitForShutdownAsync();
        await streaming;
        return 0;
    }

    private static (string? Directory, string? Discovery, string Workload, ProxyOptions Options)? Parse(string[] args)
    {
        string? directory = null, workload = null, discovery = null;
        var bind = IPAddress.Loopback;
        var accessLog = Console.Out;
        var encoding = Telemetry.AccessLogEncoding.Text;
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
                case "--access-log" when value is "stdout" or "off": accessLog = value == "off" ? TextWriter.Null : Console.Out; break;
                case "--access-log-encoding" when value is "text" or "json": encoding = value == "json" ? Telemetry.AccessLogEncoding.Json : Telemetry.AccessLogEncoding.Text; break;
                default: return null;
            }
        }
        if ((directory is null) == (discovery is null) || workload is null || !workload.Contains('/')) return null;
        return (directory, discovery, workload, new ProxyOptions
        {
            Outbound = new IPEndPoint(bind, outbound),
            Admin = new IPEndPoint(IPAddress.Loopback, admin), // admin never leaves loopback
            Ready = new IPEndPoint(bind, ready),
            Metrics = new IPEndPoint(bind, metrics),
            AccessLog = accessLog,
            AccessLogEncoding = encoding,
        });
    }

    private static int? Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535 ? port : null;
}
