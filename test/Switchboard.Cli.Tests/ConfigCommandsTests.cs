using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.ControlPlane.Hosting;

namespace Switchboard.Cli.Tests;

/// <summary><c>sbctl apply / get / delete</c> against a real control plane on loopback.</summary>
public sealed class ConfigCommandsTests : IAsyncLifetime
{
    private readonly DirectoryInfo _store = Directory.CreateTempSubdirectory("sb-cp-store-");
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("sb-cp-work-");
    private WebApplication _app = null!;
    private string _url = "";

    public async Task InitializeAsync()
    {
        _app = ControlPlaneHost.Build(new ControlPlaneOptions(_store.FullName)
        {
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            Secure = new IPEndPoint(IPAddress.Loopback, 0),
            Discovery = new IPEndPoint(IPAddress.Loopback, 0),
        }, out _);
        await _app.StartAsync();
        // Listeners bind in declaration order: HTTP first, then discovery.
        _url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _store.Delete(recursive: true);
        _work.Delete(recursive: true);
    }

    private CliRun Sbctl(params string[] args) => CliRun.Of([.. args, "--controlplane", _url]);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_work.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Apply_the_payments_example_then_get_it_back()
    {
        var apply = Sbctl("apply", "-f", CliRun.Repo("examples", "payments"));
        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.Contains("virtualservice.networking.istio.io/payment-service-routing created", apply.Output);
        Assert.Contains("destinationrule.networking.istio.io/payment-service-destination created", apply.Output);

        var table = Sbctl("get", "virtualservices", "-n", "production");
        Assert.Equal(0, table.ExitCode);
        Assert.Equal(["NAME", "payment-external-routing", "payment-service-routing"], table.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var yaml = Sbctl("get", "destinationrule", "payment-service-destination", "-n", "production", "-o", "yaml");
        Assert.Contains("http1MaxPendingRequests: 50", yaml.Output);
        var json = Sbctl("get", "gateway", "payment-gateway", "-n", "production", "-o", "json");
        Assert.Contains("\"credentialName\": \"payment-tls-cert\"", json.Output);

        var all = Sbctl("get", "deployment", "-A");
        Assert.Contains("istio-system", all.Output);
        Assert.Contains("payment-service-v2", all.Output);

        Assert.All(Sbctl("apply", "-f", CliRun.Repo("examples", "payments")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.EndsWith(" unchanged", line));
    }

    [Fact]
    public void An_invalid_file_anywhere_applies_nothing()
    {
        Write("a-good.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: good, namespace: production}\n");
        Write("b-bad.yaml", "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: bad, namespace: production}\nspec:\n  host: x\n  trafficPolicy:\n    connectionPool:\n      http: {requestsPerConnection: 10}\n");
        var apply = Sbctl("apply", "-f", _work.FullName);
        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("b-bad.yaml:8", apply.Error);
        Assert.Contains("did you mean \"maxRequestsPerConnection\"", apply.Error);
        Assert.Contains("nothing was applied", apply.Error);
        // Nothing stored (the control plane's own state in .switchboard aside).
        Assert.DoesNotContain(Directory.GetFiles(_store.FullName, "*", SearchOption.AllDirectories), f => !f.Contains("/.switchboard/", StringComparison.Ordinal));
        Assert.Contains("No resources found", Sbctl("get", "serviceaccount", "-n", "production").Error);
    }

    [Fact]
    public void Apply_warns_about_a_dangling_subset_and_delete_removes()
    {
        var vs = Write("vs.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: payment-service, namespace: production}
            spec:
              selector: {app: payment-service}
              ports: [{name: http, port: 8080}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: payment-service-routing, namespace: production}
            spec:
              hosts: [payment-service]
              http:
              - route:
                - destination: {host: payment-service, subset: v2-canary}
            """);
        var apply = Sbctl("apply", "-f", vs);
        Assert.Equal(0, apply.ExitCode);
        Assert.Contains("Error [IST0101] (VirtualService production/payment-service-routing", apply.Error);
        Assert.Contains("payment-service+v2-canary", apply.Error);

        var delete = Sbctl("delete", "-f", vs);
        Assert.Equal(0, delete.ExitCode);
        Assert.Contains("virtualservice.networking.istio.io/payment-service-routing deleted", delete.Output);
        var get = Sbctl("get", "virtualservice", "payment-service-routing", "-n", "production");
        Assert.Equal(1, get.ExitCode);
        Assert.Contains("NotFound", get.Error);
    }

    [Fact]
    public void Unreachable_control_plane_is_one_clear_line()
    {
        var run = CliRun.Of("get", "virtualservice", "--controlplane", "http://127.0.0.1:9");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot reach the control plane", run.Error);
        Assert.Contains("sbctl controlplane --dir", run.Error);
    }
}
