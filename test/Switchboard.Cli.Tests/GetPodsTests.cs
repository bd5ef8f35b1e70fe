using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.ControlPlane.Hosting;
using Switchboard.Runtime.Up;

namespace Switchboard.Cli.Tests;

/// <summary><c>sbctl get pods</c> over the Pods <c>sbctl up</c> stores (its own PodYaml), from a real control plane on loopback.</summary>
public sealed class GetPodsTests : IAsyncLifetime
{
    private readonly DirectoryInfo _store = Directory.CreateTempSubdirectory("sb-getpods-");
    private WebApplication _app = null!;
    private string _url = "";
    private Switchboard.ControlPlane.Store.FileConfigStore _config = null!;

    public async Task InitializeAsync()
    {
        _app = ControlPlaneHost.Build(new ControlPlaneOptions(_store.FullName)
        {
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            Secure = new IPEndPoint(IPAddress.Loopback, 0),
            Discovery = new IPEndPoint(IPAddress.Loopback, 0),
        }, out var store);
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        PlannedPod Pod(string ns, string name, string address, Dictionary<string, string> labels) =>
            new(ns, name, name[..name.IndexOf('-')], IPAddress.Parse(address), "default", labels, new Dictionary<string, string>(), []);
        foreach (var pod in new[]
        {
            Pod("production", "payment-service-v2-1a2b3c4d5e-x2k4q", "198.18.0.12", new() { ["version"] = "v2", ["app"] = "payment-service" }),
            Pod("production", "checkout-9f8e7d6c5b-q7w2z", "198.18.0.11", new() { ["app"] = "checkout" }),
            Pod("demo", "api-0a1b2c3d4e-bcdfg", "198.18.0.13", []),
        })
            Assert.True(store.Apply(PodPlan.PodYaml(pod, "node-1"), pod.Name).Accepted);
        _config = store;
        Assert.Empty(store.Apply("apiVersion: v1\nkind: Service\nmetadata: {name: payment-service, namespace: production, labels: {tier: backend, app: payment-service}}\nspec: {clusterIP: 198.19.0.7, ports: [{name: http, port: 8080}, {name: metrics, port: 9090, protocol: TCP}]}\n", "service").Errors);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _store.Delete(recursive: true);
    }

    private string[] Lines(params string[] args)
    {
        var run = CliRun.Of([.. args, "--controlplane", _url]);
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Pods_show_their_status() => Assert.Equal(
    [
        "NAME                                  STATUS",
        "checkout-9f8e7d6c5b-q7w2z             Running",
        "payment-service-v2-1a2b3c4d5e-x2k4q   Running",
    ], Lines("get", "pods", "-n", "production"));

    [Fact]
    public void Wide_adds_the_pod_IP_and_its_node() => Assert.Equal(
    [
        "NAME                                  STATUS    IP            NODE",
        "checkout-9f8e7d6c5b-q7w2z             Running   198.18.0.11   node-1",
        "payment-service-v2-1a2b3c4d5e-x2k4q   Running   198.18.0.12   node-1",
    ], Lines("get", "pods", "-n", "production", "-o", "wide"));

    [Fact]
    public void Show_labels_adds_them_sorted_and_none_when_there_are_none() => Assert.Equal(
    [
        "NAMESPACE    NAME                                  STATUS    IP            NODE     LABELS",
        "demo         api-0a1b2c3d4e-bcdfg                  Running   198.18.0.13   node-1   <none>",
        "production   checkout-9f8e7d6c5b-q7w2z             Running   198.18.0.11   node-1   app=checkout",
        "production   payment-service-v2-1a2b3c4d5e-x2k4q   Running   198.18.0.12   node-1   app=payment-service,version=v2",
    ], Lines("get", "pods", "-A", "-o", "wide", "--show-labels"));

    [Fact]
    public void Finished_pods_show_kubectls_words_and_a_starting_one_no_address_yet()
    {
        PlannedPod Pod(string name) => new("jobs", name, "ping", IPAddress.Parse("198.18.0.20"), "default", new Dictionary<string, string>(), new Dictionary<string, string>(), []);
        foreach (var (name, phase) in new[] { ("ping-bcdfg", PodPhase.Succeeded), ("ping-hjklm", PodPhase.Failed), ("echo-0a1b2c3d4e-npqrs", PodPhase.Pending) })
            Assert.True(_config.Apply(PodPlan.PodYaml(Pod(name), "node-1", phase), name).Accepted);
        Assert.Equal(
        [
        "NAME                    STATUS      IP            NODE",
        "echo-0a1b2c3d4e-npqrs   Pending     <none>        node-1",
        "ping-bcdfg              Completed   198.18.0.20   node-1",
        "ping-hjklm              Error       198.18.0.20   node-1",
        ], Lines("get", "pods", "-n", "jobs", "-o", "wide"));
    }

    [Fact]
    public void Services_show_type_address_and_ports_and_may_show_labels() => Assert.Equal(
    [
        "NAME              TYPE        CLUSTER-IP   PORT(S)             LABELS",
        "payment-service   ClusterIP   198.19.0.7   8080/TCP,9090/TCP   app=payment-service,tier=backend",
    ], Lines("get", "svc", "-n", "production", "--show-labels"));

    [Fact]
    public void Kinds_are_named_as_kubectl_takes_them()
    {
        Assert.Equal(Lines("get", "Service", "-n", "production"), Lines("get", "services", "-n", "production"));
        Assert.Equal(Lines("get", "pods", "-n", "production"), Lines("get", "po", "-n", "production"));
        var run = CliRun.Of(["get", "authorizationpolicies", "-A", "--controlplane", _url]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(64, CliRun.Of(["get", "servcie", "--controlplane", _url]).ExitCode);
    }
}
