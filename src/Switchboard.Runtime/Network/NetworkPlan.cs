using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Network;

/// <summary>
/// The commands that make and unmake the runtime's network, as data (a dry run prints them; the runner executes them):
/// the bridge, and per pod a namespace with loopback up, a veth whose host end joins the bridge, the pod address and a
/// default route via the bridge. A pod's MAC follows from its address (<see cref="NetworkLayout.MacOf"/>). Nothing is NATed or forwarded out: traffic stays between the pods and the host.
/// </summary>
public static class NetworkPlan
{
    public static IReadOnlyList<ProcessCommand> CreateBridge(NetworkLayout layout) =>
    [
        new("ip", "link", "add", layout.Bridge, "type", "bridge"),
        new("ip", "addr", "add", $"{layout.Gateway}/{layout.PrefixLength}", "dev", layout.Bridge),
        new("ip", "link", "set", layout.Bridge, "up"),
    ];

    public static ProcessCommand DeleteBridge(NetworkLayout layout) => new("ip", "link", "delete", layout.Bridge);

    public static IReadOnlyList<ProcessCommand> CreatePod(NetworkLayout layout, PodNetworkSpec pod)
    {
        var (host, inside) = pod.Veth;
        return
        [
            new("ip", "netns", "add", pod.Netns),
            new("ip", "-n", pod.Netns, "link", "set", "lo", "up"),
            new("ip", "link", "add", host, "type", "veth", "peer", "name", inside, "netns", pod.Netns),
            new("ip", "link", "set", host, "master", layout.Bridge),
            new("ip", "link", "set", host, "up"),
            new("ip", "-n", pod.Netns, "link", "set", inside, "address", NetworkLayout.MacOf(pod.Address)),
            new("ip", "-n", pod.Netns, "addr", "add", $"{pod.Address}/{layout.PrefixLength}", "dev", inside),
            new("ip", "-n", pod.Netns, "link", "set", inside, "up"),
            new("ip", "-n", pod.Netns, "route", "add", "default", "via", layout.Gateway.ToString()),
        ];
    }

    /// <summary>Deleting the namespace destroys the veth end inside it and with it the pair; the host end is deleted too in case it was left alone.</summary>
    public static IReadOnlyList<ProcessCommand> DeletePod(PodNetworkSpec pod) =>
    [
        new("ip", "netns", "delete", pod.Netns),
        new("ip", "link", "delete", pod.Veth.Host),
    ];

    /// <summary><c>/etc/netns/&lt;netns&gt;/hosts</c>, which <c>ip netns exec</c> bind-mounts over /etc/hosts: the pod's own name, then services.</summary>
    public static string HostsFile(string podName, PodNetworkSpec pod)
    {
        var lines = new List<string> { "127.0.0.1 localhost", $"{pod.Address} {podName}" };
        foreach (var group in pod.Hosts.GroupBy(h => h.Value.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal))
            lines.Add($"{group.Key} {string.Join(' ', group.Select(h => h.Key).Order(StringComparer.Ordinal))}");
        return string.Join('\n', lines) + "\n";
    }
}
