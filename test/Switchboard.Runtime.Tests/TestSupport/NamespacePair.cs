using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Tests.TestSupport;

/// <summary>
/// Two fresh network namespaces joined by a veth pair: the pod <c>sb-t-XXXXXX</c> (198.18.250.1) and its peer
/// <c>sb-t-XXXXXX-p</c> (198.18.250.2). Addresses are from 198.18.0.0/15 (RFC 2544 benchmarking, never routed; DESIGN §4)
/// and exist only inside the two namespaces. Dispose deletes exactly what was created, by name.
/// </summary>
internal sealed class NamespacePair : IAsyncDisposable
{
    public const string PodAddress = "198.18.250.1";
    public const string PeerAddress = "198.18.250.2";

    private readonly ProcessRunner _processes = new();
    private readonly List<ProcessCommand> _cleanup = [];

    private NamespacePair(string suffix)
    {
        Pod = $"sb-t-{suffix}";
        Peer = $"sb-t-{suffix}-p";
        PodLink = $"sbt{suffix}a"; // interface names stop at 15 characters
        PeerLink = $"sbt{suffix}b";
    }

    public string Pod { get; }
    public string Peer { get; }
    public string PodLink { get; }
    public string PeerLink { get; }

    /// <summary>Creates the pair; fails the test with what to do when not root or <c>ip</c> is missing (an e2e test must not pass silently).</summary>
    public static async Task<NamespacePair> CreateAsync()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
            Assert.Fail("capture end-to-end tests need Linux and root (CAP_NET_ADMIN) to create network namespaces; run test.sh as root");
        await Require("ip", "-V", "iproute2");
        await Require("iptables-restore", "--version", "iptables");
        await Require("curl", "--version", "curl");
        var pair = new NamespacePair(Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6]);
        try
        {
            await pair.SetUpAsync();
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    private async Task SetUpAsync()
    {
        foreach (var ns in new[] { Pod, Peer })
        {
            _cleanup.Insert(0, new ProcessCommand("ip", "netns", "delete", ns));
            await Ip("netns", "add", ns);
            await Ip("-n", ns, "link", "set", "lo", "up");
        }
        // Created straight inside the namespaces; should that half-fail, the cleanup also tries the host namespace by name.
        _cleanup.Add(new ProcessCommand("ip", "link", "delete", PodLink));
        await Ip("link", "add", PodLink, "netns", Pod, "type", "veth", "peer", "name", PeerLink, "netns", Peer);
        foreach (var (ns, link, address) in new[] { (Pod, PodLink, PodAddress), (Peer, PeerLink, PeerAddress) })
        {
            await Ip("-n", ns, "addr", "add", address + "/24", "dev", link);
            await Ip("-n", ns, "link", "set", link, "up");
        }
    }

    /// <summary>Runs a program inside <paramref name="ns"/> (<c>ip netns exec</c>); the result is returned whatever the exit code.</summary>
    public Task<ProcessResult> ExecAsync(string ns, params string[] command) =>
        _processes.RunAsync(new ProcessCommand("ip", ["netns", "exec", ns, .. command]));

    public async ValueTask DisposeAsync()
    {
        // Deleting a namespace destroys the veth end inside it, and with it the pair; errors here must not hide the test's own.
        foreach (var command in _cleanup)
        {
            try { await _processes.RunAsync(command); }
            catch (ProcessFailedException) { }
        }
    }

    private async Task Ip(params string[] arguments) =>
        (await _processes.RunAsync(new ProcessCommand("ip", arguments))).EnsureSuccess();

    private static async Task Require(string program, string versionFlag, string package)
    {
        try
        {
            await new ProcessRunner().RunAsync(new ProcessCommand(program, versionFlag));
        }
        catch (ProcessFailedException e)
        {
            Assert.Fail($"capture end-to-end tests need '{program}' (Debian package {package}; test.sh installs it): {e.Message}");
        }
    }
}
