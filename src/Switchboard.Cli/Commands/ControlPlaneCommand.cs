using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.ControlPlane.Hosting;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl controlplane --dir DIR [--port 15014] [--discovery-port 15010] [--secure-port 15012] [--ca-dir D]</c>: runs the
/// control plane with its config in DIR.
/// </summary>
public static class ControlPlaneCommand
{
    public static Command Create(TextWriter output)
    {
        var dir = new Option<string>("--dir") { Description = "Directory holding the mesh's config (created if missing)", Required = true };
        var port = new Option<int>("--port") { Description = "HTTP port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 15014 };
        var discoveryPort = new Option<int>("--discovery-port") { Description = "Discovery (gRPC) port on 127.0.0.1", DefaultValueFactory = _ => 15010 };
        var securePort = new Option<int>("--secure-port") { Description = "Discovery and CA over TLS (gRPC) port on 127.0.0.1", DefaultValueFactory = _ => 15012 };
        var caDir = new Option<string?>("--ca-dir") { Description = "CA files (Istio's ca-cert.pem, ca-key.pem, root-cert.pem, cert-chain.pem to plug in a CA); default DIR/.switchboard/ca" };
        var trustDomain = new Option<string>("--trust-domain") { Description = "SPIFFE trust domain of workload identities", DefaultValueFactory = _ => "cluster.local" };
        var command = new Command("controlplane", "Run the control plane (config store, API, discovery and CA)") { dir, port, discoveryPort, securePort, caDir, trustDomain };
        command.SetAction(async (parse, token) =>
        {
            var options = new ControlPlaneOptions(parse.GetValue(dir)!)
            {
                Http = new IPEndPoint(IPAddress.Loopback, parse.GetValue(port)),
                Discovery = new IPEndPoint(IPAddress.Loopback, parse.GetValue(discoveryPort)),
                Secure = new IPEndPoint(IPAddress.Loopback, parse.GetValue(securePort)),
                CaDirectory = parse.GetValue(caDir) ?? "",
                TrustDomain = parse.GetValue(trustDomain)!,
            };
            await using var app = ControlPlaneHost.Build(options, out var store);
            await app.StartAsync(token);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            output.WriteLine($"switchboard control plane ready at {address}; config in {store.Directory} ({store.Resources.Count} resources)");
            await app.WaitForShutdownAsync(token);
            return 0;
        });
        return command;
    }
}
