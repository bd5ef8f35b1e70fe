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

    /// <summary>The n-th service VIP: 198.19.0.1 onwards (198.19.0.0/16, beside the pods' /16, captured before routing).</summary>
    public static IPAddress ServiceAddress(int n)
    {
        if (n is < 0 or > 65533) throw new ArgumentOutOfRangeException(nameof(n), "the VIP range 198.19.0.0/16 is full");
        return new IPAddress([198, 19, (byte)((n + 1) / 256), (byte)((n + 1) % 256)]);
    }

    private IPAddress Offset(int offset, string what)
    {
        var gateway = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(Gateway.GetAddressBytes());
        var mask = PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);
        var size = ~mask;
        if ((uint)offset >= size) throw new ArgumentOutOfRangeException(nameof(offset), $"the {what} range of {Gateway}/{PrefixLength} is full");
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (gateway & mask) + (uint)offset);
        return new IPAddress(bytes);
    }
}
