using System.Net;
using System.Net.Sockets;
using System.Text;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Processes;
using Switchboard.Runtime.Tests.TestSupport;

namespace Switchboard.Runtime.Tests.Network;

/// <summary>
/// Real pod networks: a bridge, two pod namespaces on it, /etc/hosts naming a service, traffic pod → pod and host → pod,
/// then removal of exactly what was made — also by a fresh process reading the ledger, as after a crash of <c>up</c>.
/// Addresses are in 198.18.251.0/24 (RFC 2544, never routed); names carry a random suffix so nothing else is touched.
/// </summary>
public sealed class PodNetworksTests : IDisposable
{
    private readonly string _suffix = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..5];
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-net-");
    private readonly ProcessRunner _processes = new();

    private NetworkLayout Layout => new() { Bridge = $"sbt{_suffix}", Gateway = IPAddress.Parse("198.18.251.1"), PrefixLength = 24 };

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Plan_names_and_addresses_are_stable_and_short_enough()
    {
        var netns = NetworkLayout.NamespaceOf("production", "payment-service-v1-7d9f8b-xkp2q");
        Assert.Equal("sb-production-payment-service-v1-7d9f8b-xkp2q", netns);
        var (host, pod) = NetworkLayout.VethOf(netns);
        Assert.True(host.Length <= 15 && pod.Length <= 15);
        Assert.Equal(NetworkLayout.VethOf(netns), (host, pod));
        Assert.NotEqual(host, NetworkLayout.VethOf(netns + "x").Host);
        var layout = new NetworkLayout();
        Assert.Equal("198.18.0.11", layout.PodAddress(0).ToString());
        Assert.Equal(2500, Enumerable.Range(0, 2500).Select(layout.PodAddress).Distinct().Count());
        Assert.DoesNotContain(Enumerable.Range(0, 2500).Select(layout.PodAddress), a => a.Equals(layout.Gateway));
        Assert.Equal("198.18.252.11", (layout with { Gateway = IPAddress.Parse("198.18.252.1"), PrefixLength = 24 }).PodAddress(0).ToString());
        Assert.Equal("198.19.0.1", NetworkLayout.ServiceAddress(0).ToString());
        var hosts = NetworkPlan.HostsFile("web-0", new PodNetworkSpec(netns, IPAddress.Parse("198.18.0.11"),
            new Dictionary<string, IPAddress> { ["pay"] = IPAddress.Parse("198.19.0.5"), ["pay.prod"] = IPAddress.Parse("198.19.0.5") }));
        Assert.Equal("127.0.0.1 localhost\n198.18.0.11 web-0\n198.19.0.5 pay pay.prod\n", hosts);
    }

    [Fact]
    public async Task Pods_on_the_bridge_reach_each_other_by_service_name_and_everything_is_removed_after()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("pod network tests need Linux and root (test.sh runs as root)");
        var ledger = Path.Combine(_dir.FullName, "state");
        var networks = new PodNetworks(_processes, Layout, new RuntimeState(ledger));
        var a = new PodNetworkSpec($"sb-t{_suffix}-a", IPAddress.Parse("198.18.251.10"), new Dictionary<string, IPAddress> { ["svc.test"] = IPAddress.Parse("198.18.251.11") });
        var b = new PodNetworkSpec($"sb-t{_suffix}-b", IPAddress.Parse("198.18.251.11"), new Dictionary<string, IPAddress>());
        try
        {
            await networks.EnsureBridgeAsync();
            await networks.CreateAsync("a-0", a);
            await networks.CreateAsync("b-0", b);
            using var listener = NetworkNamespace.Run(b.Netns, () =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Any, 8080));
                socket.Listen();
                return socket;
            });
            var serving = Task.Run(async () =>
            {
                for (var i = 0; i < 2; i++)
                {
                    using var client = await listener.AcceptAsync();
                    var buffer = new byte[4096];
                    await client.ReceiveAsync(buffer);
                    await client.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
                }
            });
            // Pod to pod, by the name its hosts file gives.
            var fromPod = await _processes.RunAsync(new ProcessCommand("ip", "netns", "exec", a.Netns, "curl", "-s", "--max-time", "5", "http://svc.test:8080/"));
            Assert.Equal("hello", fromPod.StandardOutput);
            // Host to pod, through the bridge.
            var fromHost = await _processes.RunAsync(new ProcessCommand("curl", "-s", "--max-time", "5", "http://198.18.251.11:8080/"));
            Assert.Equal("hello", fromHost.StandardOutput);
            await serving.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            // A new process (as after kill -9 of `up`) reads the ledger and removes everything recorded.
            await new PodNetworks(_processes, Layout, new RuntimeState(ledger)).RemoveAllAsync();
        }
        var namespaces = (await _processes.RunAsync(new ProcessCommand("ip", "netns", "list"))).StandardOutput;
        Assert.DoesNotContain(a.Netns, namespaces);
        Assert.DoesNotContain(b.Netns, namespaces);
        Assert.NotEqual(0, (await _processes.RunAsync(new ProcessCommand("ip", "link", "show", Layout.Bridge))).ExitCode);
        Assert.NotEqual(0, (await _processes.RunAsync(new ProcessCommand("ip", "link", "show", a.Veth.Host))).ExitCode);
        Assert.False(Directory.Exists(Path.Combine("/etc/netns", a.Netns)));
        Assert.Empty(new RuntimeState(ledger).Things);
    }

    [Fact]
    public async Task A_new_pod_at_a_reused_address_is_reached_at_once_by_a_caller_that_talked_to_the_old_one()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("pod network tests need Linux and root (test.sh runs as root)");
        var ledger = Path.Combine(_dir.FullName, "state");
        var networks = new PodNetworks(_processes, Layout, new RuntimeState(ledger));
        var caller = new PodNetworkSpec($"sb-t{_suffix}-caller", IPAddress.Parse("198.18.251.20"), new Dictionary<string, IPAddress>());
        var old = new PodNetworkSpec($"sb-t{_suffix}-old", IPAddress.Parse("198.18.251.21"), new Dictionary<string, IPAddress>());
        var successor = old with { Netns = $"sb-t{_suffix}-new" };
        try
        {
            await networks.EnsureBridgeAsync();
            await networks.CreateAsync("caller-0", caller);
            await networks.CreateAsync("old-0", old);
            Assert.Equal("old", await CallAsync(caller, old, "old"));
            // The caller's ARP cache now pairs .21 with the old pod's MAC, confirmed reachable for the next 15-45 s.
            await networks.RemoveAsync(old);
            await networks.CreateAsync("new-0", successor);
            // A kernel-chosen MAC would differ, and this call would go to the old MAC until the caller probed again.
            Assert.Equal("new", await CallAsync(caller, successor, "new"));
        }
        finally
        {
            await networks.RemoveAllAsync();
        }
    }

    /// <summary>A one-answer HTTP server in <paramref name="server"/>'s namespace, called with curl from <paramref name="client"/>'s (3 s at most).</summary>
    private async Task<string> CallAsync(PodNetworkSpec client, PodNetworkSpec server, string body)
    {
        using var listener = NetworkNamespace.Run(server.Netns, () =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, 8080));
            socket.Listen();
            return socket;
        });
        var serving = Task.Run(async () =>
        {
            using var accepted = await listener.AcceptAsync();
            await accepted.ReceiveAsync(new byte[4096]);
            await accepted.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.0 200 OK\r\nContent-Length: {body.Length}\r\n\r\n{body}"));
        });
        var call = await _processes.RunAsync(new ProcessCommand("ip", "netns", "exec", client.Netns, "curl", "-s", "--max-time", "3", $"http://{server.Address}:8080/"));
        listener.Close(); // a call that never arrived leaves the accept waiting: closing ends it
        await Task.WhenAny(serving, Task.Delay(1000));
        return call.StandardOutput;
    }

    [Fact]
    public async Task A_pod_namespace_another_run_made_is_refused_and_never_removed_as_ours()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("pod network tests need Linux and root (test.sh runs as root)");
        // The other run's namespace (as two runs of one example both have a bare Pod of the same name).
        var netns = $"sb-t{_suffix}-theirs";
        (await _processes.RunAsync(new ProcessCommand("ip", "netns", "add", netns))).EnsureSuccess();
        try
        {
            var ledger = Path.Combine(_dir.FullName, "ours");
            var networks = new PodNetworks(_processes, Layout, new RuntimeState(ledger));
            var pod = new PodNetworkSpec(netns, IPAddress.Parse("198.18.251.12"), new Dictionary<string, IPAddress>());
            await Assert.ThrowsAsync<IOException>(() => networks.CreateAsync("theirs", pod));
            Assert.Empty(new RuntimeState(ledger).Things);
            // What a failed pod start then does: remove its network. Theirs stays.
            await networks.RemoveAsync(pod);
            Assert.Contains(netns, (await _processes.RunAsync(new ProcessCommand("ip", "netns", "list"))).StandardOutput);
        }
        finally
        {
            await _processes.RunAsync(new ProcessCommand("ip", "netns", "delete", netns));
        }
    }
}
