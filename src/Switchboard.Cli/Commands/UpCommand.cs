using System.Runtime.InteropServices;
using System.CommandLine;
using System.Net;
using Switchboard.Cli.Output;
using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Config.Loading;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Processes;
using Switchboard.Runtime.Up;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl up DIR [--state /var/lib/switchboard]</c>: runs the mesh in DIR on this machine (root) until Ctrl-C, then takes
/// it all down; <c>sbctl down [--state …]</c> removes what a run left behind (after a crash or <c>kill -9</c>).
/// </summary>
public static class UpCommand
{
    private const string DefaultState = "/var/lib/switchboard";

    public static Command CreateUp(TextWriter output, TextWriter error)
    {
        var dir = new Argument<string>("dir") { Description = "Directory with Namespaces, Deployments, Services and Istio config" };
        var state = new Option<string>("--state") { Description = "Where the run keeps its store, tokens, logs and ledger", DefaultValueFactory = _ => DefaultState };
        var port = new Option<int>("--port") { Description = "The control plane's HTTP port on 127.0.0.1", DefaultValueFactory = _ => 15014 };
        var securePort = new Option<int>("--secure-port") { Description = "The control plane's discovery and CA port (TLS) on the bridge address", DefaultValueFactory = _ => 15012 };
        var bridge = new Option<string>("--bridge") { Description = "The bridge the pods' veths join", DefaultValueFactory = _ => "sb0" };
        var subnet = new Option<string>("--subnet") { Description = "The bridge's address and prefix; pods get addresses from it (from .11)", DefaultValueFactory = _ => "198.18.0.1/16" };
        var gatewayOffset = new Option<int>("--gateway-port-offset") { Description = "Gateway Service ports below 1024 are exposed on 127.0.0.1 this much higher", DefaultValueFactory = _ => 8000 };
        var command = new Command("up", "Run the mesh in DIR on this machine: pods in network namespaces, captured by their sidecars") { dir, state, port, securePort, bridge, subnet, gatewayOffset };
        command.SetAction(async (parse, token) =>
        {
            if (!OperatingSystem.IsLinux())
            {
                error.WriteLine("error: sbctl up needs Linux (network namespaces, iptables); on another system, run it in a Linux VM");
                return 1;
            }
            if (!Environment.IsPrivilegedProcess)
            {
                error.WriteLine($"error: sbctl up needs root to make network namespaces, iptables rules and app users: run sudo ./sbctl up {parse.GetValue(dir)}");
                return 1;
            }
            // Before anything is made: a run started with SIGINT ignored starts again with it deliverable.
            InterruptSignal.EnsureDeliverable();
            var here = AppContext.BaseDirectory;
            var cidr = parse.GetValue(subnet)!.Split('/');
            if (cidr.Length != 2 || !IPAddress.TryParse(cidr[0], out var gateway) || !int.TryParse(cidr[1], out var prefix) || prefix is < 8 or > 28)
            {
                error.WriteLine($"error: --subnet wants the bridge's address and prefix, like 198.18.0.1/16, not {parse.GetValue(subnet)}");
                return 1;
            }
            var options = new LocalMeshOptions(Path.GetFullPath(parse.GetValue(dir)!), parse.GetValue(state)!)
            {
                Http = new IPEndPoint(IPAddress.Loopback, parse.GetValue(port)),
                SecurePort = parse.GetValue(securePort),
                Layout = new NetworkLayout { Bridge = parse.GetValue(bridge)!, Gateway = gateway, PrefixLength = prefix },
                Proxy = ["dotnet", Path.Combine(here, "switchboard-proxy.dll")],
                SampleApp = [.. SbctlSelf.Command(here), "x", "sample-app"],
                GatewayPortOffset = parse.GetValue(gatewayOffset),
            };
            await using var mesh = new LocalMesh(options, output);
            try
            {
                await mesh.StartAsync(token);
            }
            catch (Exception ex) when (ex is InvalidDataException or TimeoutException or ProcessFailedException or IOException)
            {
                error.WriteLine($"error: {ex.Message}");
                return 1;
            }
            // Our own signal handling: the control plane's host also listens for SIGINT/SIGTERM (and stops itself), which
            // would otherwise leave this wait running with the pods still up.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
            using var interrupt = InterruptSignal.Register(stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
            await ShowUntilStoppedAsync(mesh, output, parse.GetValue(port), Path.GetFullPath(parse.GetValue(dir)!), stop.Token);
            output.WriteLine("taking the mesh down: apps, then sidecars, then the network");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The live table until stopped: redrawn in place each second on a terminal, printed again only when it changed
    /// otherwise (with what to try next printed once, under the first table).
    /// </summary>
    private static async Task ShowUntilStoppedAsync(LocalMesh mesh, TextWriter output, int port, string dir, CancellationToken stop)
    {
        var terminal = !Console.IsOutputRedirected;
        var view = new LiveView(output, terminal, terminal ? () => Console.WindowWidth : null);
        var service = FirstService(dir);
        var first = true;
        while (!stop.IsCancellationRequested)
        {
            var pods = mesh.Status();
            var table = PodTable.Render(pods, mesh.Events.Recent(5));
            if (terminal) view.Show(table + "\n" + PodTable.TryNext(pods, service, port));
            else if (view.Show(table) && first) output.Write("\n" + PodTable.TryNext(pods, service, port));
            first = false;
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM
            }
        }
    }

    /// <summary>A Service of DIR as <c>name.namespace:port</c>, for the "try next" lines.</summary>
    private static string? FirstService(string dir)
    {
        var service = new ConfigLoader().Load([dir]).Resources.OfType<Resource<ServiceSpec>>().FirstOrDefault(s => s.Spec.Ports.Count > 0);
        return service is null ? null : $"{service.Name}.{service.Namespace}:{service.Spec.Ports[0].Port}";
    }

    public static Command CreateDown(TextWriter output)
    {
        var state = new Option<string>("--state") { Description = "The state directory of the run to remove", DefaultValueFactory = _ => DefaultState };
        var command = new Command("down", "Remove every namespace, link, process and file a run of sbctl up made") { state };
        command.SetAction(async (parse, token) =>
        {
            var ledger = Path.Combine(parse.GetValue(state)!, "ledger");
            var networks = new PodNetworks(new ProcessRunner(), new NetworkLayout(), new RuntimeState(ledger));
            await networks.RemoveAllAsync(token);
            output.WriteLine("down: nothing of the last run is left");
            return 0;
        });
        return command;
    }
}
