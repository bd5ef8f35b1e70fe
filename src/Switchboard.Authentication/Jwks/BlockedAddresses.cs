using System.Net;

namespace Switchboard.Authentication.Jwks;

/// <summary>
/// Addresses a <c>jwksUri</c> may not reach unless <see cref="JwksFetcherOptions.AllowPrivate"/>: the control plane's own
/// host and the cloud metadata services, the usual SSRF targets (reference/security-and-reliability.md §6 I).
/// <list type="bullet">
/// <item>loopback: 127.0.0.0/8 and ::1 (RFC 1122 §3.2.1.3, RFC 4291 §2.5.3);</item>
/// <item>unspecified / "this network": 0.0.0.0/8 and :: (RFC 1122, RFC 4291 §2.5.2), which Linux routes to the local host;</item>
/// <item>link-local: 169.254.0.0/16 (RFC 3927, includes the metadata address 169.254.169.254) and fe80::/10 (RFC 4291 §2.5.6);</item>
/// <item>AWS's IPv6 metadata address fd00:ec2::254.</item>
/// </list>
/// IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) are judged as the IPv4 address they carry.
/// </summary>
public static class BlockedAddresses
{
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    public static bool IsBlocked(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.Equals(AwsMetadataV6) || address.IsIPv6LinkLocal) return true;
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return false;
        var bytes = address.GetAddressBytes();
        return bytes[0] == 0 || (bytes[0] == 169 && bytes[1] == 254);
    }
}

/// <summary>A <c>jwksUri</c> host that is, or resolves to, a blocked address.</summary>
public sealed class JwksAddressBlockedException(string host, IPAddress address)
    : Exception($"jwksUri host \"{host}\" is {(host == address.ToString() ? "" : $"resolves to {address}, ")}a loopback, link-local, unspecified or metadata address")
{
    public IPAddress Address { get; } = address;
}
