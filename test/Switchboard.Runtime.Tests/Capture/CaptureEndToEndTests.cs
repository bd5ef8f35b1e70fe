using Switchboard.Runtime.Capture;
using Switchboard.Runtime.Processes;
using Switchboard.Runtime.Tests.TestSupport;

namespace Switchboard.Runtime.Tests.Capture;

/// <summary>
/// The capture rules installed by <see cref="CaptureRunner"/> in a real network namespace, driven by real curl:
/// <code>
///   pod sb-t-X (198.18.250.1, rules)                          peer sb-t-X-p (198.18.250.2)
///     :15001 "outbound"  ◄── curl 198.18.250.2:8080 (root)       :8080 "peer"
///     :15006 "inbound"   ◄────────────────────────────────────── curl 198.18.250.1:9090
///     :15021 "ready"     ◄────────────────────────────────────── curl 198.18.250.1:15021 (never captured)
///     curl as UID 1337 ────────────────────────────────────────► :8080 "peer"
/// </code>
/// Each listener answers with its name and <see cref="OriginalDestination.Get"/> of the accepted socket.
/// </summary>
public sealed class CaptureEndToEndTests(CaptureEndToEndTests.CaptureEnvironment environment) : IClassFixture<CaptureEndToEndTests.CaptureEnvironment>
{
    private static readonly string PeerUrl = $"http://{NamespacePair.PeerAddress}:8080/";

    [Fact]
    public async Task OutboundConnectionReachesTheOutboundListenerWithItsOriginalDestination()
    {
        var body = await environment.CurlAsync(environment.Pair.Pod, PeerUrl);
        Assert.Equal($"outbound {NamespacePair.PeerAddress}:8080", body);
    }

    [Fact]
    public async Task TheProxyUserIsNotCaptured()
    {
        var body = await environment.CurlAsync(environment.Pair.Pod, PeerUrl, asProxyUser: true);
        Assert.StartsWith("peer ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InboundConnectionReachesTheInboundListenerWithItsOriginalDestination()
    {
        var body = await environment.CurlAsync(environment.Pair.Peer, $"http://{NamespacePair.PodAddress}:9090/");
        Assert.Equal($"inbound {NamespacePair.PodAddress}:9090", body);
    }

    [Fact]
    public async Task TheReadinessPortIsNeverCapturedInbound()
    {
        var body = await environment.CurlAsync(environment.Pair.Peer, $"http://{NamespacePair.PodAddress}:15021/");
        Assert.StartsWith("ready ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInstalledRulesAreTheGeneratedOnes()
    {
        // iptables-save prints rules back in its own canonical form; every rule we generated must be there, in our order.
        var saved = (await environment.Pair.ExecAsync(environment.Pair.Pod, "iptables-save", "-t", "nat")).EnsureSuccess().StandardOutput.Split('\n');
        var ours = saved.Where(l => l.Contains("ISTIO_", StringComparison.Ordinal) && l.StartsWith("-A", StringComparison.Ordinal)).ToList();
        Assert.Equal(CaptureRules.Build(new CaptureOptions()).Count(l => l.StartsWith("-A", StringComparison.Ordinal)), ours.Count);
    }

    [Fact]
    public async Task EveryGoldenRuleFileIsAcceptedByTheRealRestoreTool()
    {
        // --test parses and checks every rule against the kernel without committing; the goldens must be installable, not just pretty.
        var files = Directory.GetFiles(RepoPaths.Project("Golden"), "*.rules");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var restore = file.EndsWith(".ip6.rules", StringComparison.Ordinal) ? "ip6tables-restore" : "iptables-restore";
            var result = await new ProcessRunner().RunAsync(new ProcessCommand(
                "ip", ["netns", "exec", environment.Pair.Pod, restore, "--test", "--noflush"], await File.ReadAllTextAsync(file)));
            Assert.True(result.Succeeded, $"{restore} rejected {Path.GetFileName(file)}: {result.StandardError}");
        }
    }

    /// <summary>One namespace pair with the default rules in the pod and a listener on each port the tests reach.</summary>
    public sealed class CaptureEnvironment : IAsyncLifetime
    {
        private readonly List<OriginalDestinationServer> _servers = [];
        private NamespacePair? _pair;

        internal NamespacePair Pair => _pair ?? throw new InvalidOperationException("the namespaces were not created");

        public async Task InitializeAsync()
        {
            _pair = await NamespacePair.CreateAsync();
            await new CaptureRunner(new ProcessRunner()).ApplyAsync(new CaptureOptions(), _pair.Pod);
            _servers.Add(new OriginalDestinationServer(_pair.Pod, ProxyPorts.OutboundCapture, "outbound"));
            _servers.Add(new OriginalDestinationServer(_pair.Pod, ProxyPorts.InboundCapture, "inbound"));
            _servers.Add(new OriginalDestinationServer(_pair.Pod, 15021, "ready"));
            _servers.Add(new OriginalDestinationServer(_pair.Peer, 8080, "peer"));
        }

        /// <summary>The body curl got from <paramref name="url"/>, run inside <paramref name="ns"/>, optionally as UID/GID 1337 (setpriv).</summary>
        internal async Task<string> CurlAsync(string ns, string url, bool asProxyUser = false)
        {
            string[] curl = ["curl", "-sS", "--max-time", "5", url];
            string[] user = ["setpriv", "--reuid=1337", "--regid=1337", "--clear-groups"];
            var result = await Pair.ExecAsync(ns, asProxyUser ? [.. user, .. curl] : curl);
            Assert.True(result.Succeeded, $"curl {url} in {ns} failed ({result.ExitCode}): {result.StandardError}");
            return result.StandardOutput;
        }

        public async Task DisposeAsync()
        {
            foreach (var server in _servers) server.Dispose();
            if (_pair is not null) await _pair.DisposeAsync();
        }
    }
}
