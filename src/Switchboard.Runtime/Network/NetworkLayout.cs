using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Runtime.Network;

/// <summary>
/// The local runtime's little network (DESIGN.md §4), as names and addresses: one bridge (198.18.0.1/16), pods at
/// 198.18.x.y, service VIPs from 198.19.0.0/16 — 198.18.0.0/15 is RFC 2544's benchmarking range, never routed and
/// nobody else's. Everything created carries the <see cref="Prefix"/> so it can be found (and only it removed) later.
/// </summary>
public sealed record NetworkLayout
{
    public const string Prefix = "sb-";

    /// <summary>The bridge every pod's veth joins.</summary>
    public string Bridge { get; init; } = "sb0";

    /// <summary>The bridge's address: the pods' gateway.</summary>
    public IPAddress Gateway { get; init; } = IPAddress.Parse("198.18.0.1");

    public int PrefixLength { get; init; } = 16;

    /// <summary>A pod's network namespace: <c>sb-&lt;namespace&gt;-&lt;pod&gt;</c>.</summary>
    public static string NamespaceOf(string ns, string pod) => $"{Prefix}{ns}-{pod}";

    /// <summary>
    /// The host end and pod end of a pod's veth. Interface names stop at 15 characters, so they carry a short hash of
    /// the namespace name: stable across runs (so a later <c>down</c> finds them) and distinct between pods.
    /// </summary>
    public static (string Host, string Pod) VethOf(string netns)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(netns)))[..8];
        return ($"sbh{hash}", $"sbp{hash}");
    }

    /// <summary>The n-th pod address (n from 0): the 11th address of the bridge's subnet onwards (198.18.0.11, …).</summary>
    public IPAddress PodAddress(int n) => Offset(n + 11, "pod");

    /// <summary>How many pod addresses the subnet holds (<see cref="PodAddress"/> takes 0 to this less one).</summary>
    public int PodAddressCount => (int)Math.Clamp((long)HostMask - 11, 0, int.MaxValue);

    private uint HostMask => PrefixLength == 0 ? uint.MaxValue : ~(uint.MaxValue << (32 - PrefixLength));

    /// <summary>
    /// A pod's MAC address, made from its IPv4 address (02:5b, locally administered, then the four address bytes). A
    /// kernel-chosen random MAC would change when a later pod reuses the address, and every neighbour still holding the
    /// old pairing in its ARP cache (reachable for 15-45 s) would send into the void until it probed again: callers of
    /// the new pod hung for ~10 s. The same address now always means the same MAC, so a cached pairing stays true.
    /// </summary>
    public static string MacOf(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
        var b = address.GetAddressBytes();
        return $"02:5b:{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}";
    }

    /// <summary>The n-th service VIP: 198.19.0.1 onwards (198.19.0.0/16, beside the pods' /16, captured before routing).</summary>
    public static IPAddress ServiceAddress(int n)
    {
        if (n is < 0 or > 65533) throw new ArgumentOutOfRangeException(nameof(n), "the VIP range 198.19.0.0/16 is full");
        return new IPAddress([198, 19, (byte)((n + 1) / 256), (byte)((n + 1) % 256)]);
    }

    private IPAddress Offset(int offset, string what)
    {
        var gateway = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(Gateway.GetAddressBytes());
        var mask = ~HostMask;
        if ((uint)offset >= HostMask) throw new ArgumentOutOfRangeException(nameof(offset), $"the {what} range of {Gateway}/{PrefixLength} is full");
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (gateway & mask) + (uint)offset);
        return new IPAddress(bytes);
    }
}
