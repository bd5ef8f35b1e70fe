using System.Net;

namespace Switchboard.Runtime.Network;

/// <summary>One pod's network: its namespace name, address, and the host names its /etc/hosts maps (services to VIPs).</summary>
public sealed record PodNetworkSpec(string Netns, IPAddress Address, IReadOnlyDictionary<string, IPAddress> Hosts)
{
    public (string Host, string Pod) Veth => NetworkLayout.VethOf(Netns);
}
