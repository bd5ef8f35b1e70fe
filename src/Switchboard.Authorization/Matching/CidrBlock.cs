using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Authorization.Matching;

/// <summary>
/// An <c>ipBlocks</c> / <c>source.ip</c> value: <c>1.2.3.4</c>, <c>1.2.3.0/24</c>, <c>2001:db8::/32</c>; a bare address is
/// /32 or /128. Host bits after the prefix are ignored (Envoy masks the CIDR range). IPv4-mapped IPv6 addresses
/// (<c>::ffff:10.0.0.1</c>, what a dual-stack socket reports) are compared as IPv4, so a block cannot be bypassed
/// through the address family.
/// </summary>
internal readonly record struct CidrBlock(byte[] Network, int PrefixLength)
{
    public static bool TryParse(string text, out CidrBlock block)
    {
        block = default;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%')) return false;
        address = Canonical(address);
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits)) return false;
        block = new CidrBlock(address.GetAddressBytes(), prefix);
        return true;
    }

    public bool Contains(IPAddress? candidate)
    {
        if (candidate is null) return false;
        var bytes = Canonical(candidate).GetAddressBytes();
        if (bytes.Length != Network.Length) return false;
        var whole = PrefixLength / 8;
        for (var i = 0; i < whole; i++)
        {
            if (bytes[i] != Network[i]) return false;
        }
        var rest = PrefixLength % 8;
        if (rest == 0) return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (bytes[whole] & mask) == (Network[whole] & mask);
    }

    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
