using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Processes;
using Switchboard.Runtime.Up;

namespace Switchboard.Proxy.Tests;

/// <summary>
/// <c>sbctl up</c> for real: examples/demo's two Deployments become pods in their own network namespaces on a bridge,
/// each with iptables capture and a sidecar (UID 1337) holding a CA-issued identity, apps started only once their
/// sidecar is ready. web calls api by service name; the call is captured by web's sidecar, crosses to api's over mTLS
/// (STRICT) and is captured inbound. Then everything is taken down. Own bridge and 198.18.253.0/24, so nothing else is touched.
/// </summary>
public sealed class LocalMeshTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("sb-up-");
    private readonly ProcessRunner _processes = new();

    public void Dispose() => _state.Delete(recursive: true);

    [Fact]
    public async Task Up_runs_the_demo_with_captured_mutual_TLS_traffic_and_down_removes_it_all()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("sbctl up needs Linux and root (test.sh runs as root)");
        var here = AppContext.BaseDirectory;
        var layout = new NetworkLayout { Bridge = $"sbu{Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..5]}", Gateway = IPAddress.Parse("198.18.253.1"), PrefixLength = 24 };
        var options = new LocalMeshOptions(Repo("examples", "demo"), _state.FullName)
        {
            Layout = layout,
            Http = new IPEndPoint(IPAddress.Loopback, Wait.FreePort()),
            SecurePort = Wait.FreePort(),
            Proxy = ["dotnet", Path.Combine(here, "switchboard-proxy.dll")],
            SampleApp = ["dotnet", Path.Combine(here, "sbctl.dll"), "x", "sample-app"],
        };
        var output = new StringWriter();
        IReadOnlyList<PlannedPod> pods;
        await using (var mesh = new LocalMesh(options, output))
        {
            await mesh.StartAsync(CancellationToken.None);
            pods = mesh.Pods;
            var web = Assert.Single(pods, p => p.Owner == "web");
            Assert.Matches("^web-[0-9a-f]{10}-[a-z0-9]{5}$", web.Name);
            string answer = "";
            Assert.True(await Wait.Until(async () =>
            {
                answer = (await _processes.RunAsync(new ProcessCommand("ip", "netns", "exec", web.Netns, "curl", "-s", "--max-time", "5", "http://web.demo:8080/"))).StandardOutput;
                return answer.Contains("[200 api v1 api-", StringComparison.Ordinal);
            }, seconds: 60), $"web did not reach api through the mesh: '{answer}'; sidecar log: {Log(web, "sidecar")}; app log: {Log(web, "web")}");
            Assert.StartsWith("web v1", answer);
            // The sidecars logged both hops: web's outbound to api, and api's inbound (mTLS) from web.
            var api = Assert.Single(pods, p => p.Owner == "api");
            Assert.Contains("outbound|8080||api.demo.svc.cluster.local", Log(web, "sidecar"));
            Assert.Contains("inbound|8080||", Log(api, "sidecar"));
            // A destination outside the mesh (a server on the host's bridge address) passes through (ALLOW_ANY).
            await using (var outside = await OutsideServerAsync(layout.Gateway))
            {
                var port = new Uri(outside.Urls.First()).Port;
                var passthrough = await _processes.RunAsync(new ProcessCommand("ip", "netns", "exec", web.Netns, "curl", "-s", "--max-time", "5", $"http://{layout.Gateway}:{port}/"));
                Assert.Equal("outside the mesh", passthrough.StandardOutput);
                Assert.Contains("PassthroughCluster", Log(web, "sidecar"));
            }
            // STRICT: the host, with no sidecar, cannot talk to the api pod in plain text.
            var plain = await _processes.RunAsync(new ProcessCommand("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "3", $"http://{api.Address}:8080/"));
            Assert.NotEqual("200", plain.StandardOutput);
        }
        var namespaces = (await _processes.RunAsync(new ProcessCommand("ip", "netns", "list"))).StandardOutput;
        foreach (var pod in pods) Assert.DoesNotContain(pod.Netns, namespaces);
        Assert.NotEqual(0, (await _processes.RunAsync(new ProcessCommand("ip", "link", "show", layout.Bridge))).ExitCode);
    }

    private static async Task<WebApplication> OutsideServerAsync(IPAddress address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{address}:0");
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync("outside the mesh"));
        await app.StartAsync();
        return app;
    }

    private string Log(PlannedPod pod, string name) =>
        File.Exists(Path.Combine(_state.FullName, "pods", pod.Name, name + ".log")) ? File.ReadAllText(Path.Combine(_state.FullName, "pods", pod.Name, name + ".log")) : "(no log)";

    private static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchboard.sln"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }
}
