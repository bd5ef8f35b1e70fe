using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Runtime.Capture;

/// <summary>Parses the CIDR ranges of the <c>traffic.sidecar.istio.io/*OutboundIPRanges</c> annotations.</summary>
public static class Cidr
{
    /// <summary>
    /// Accepts <c>address/prefix</c> for IPv4 (dotted quad) and IPv6. Host bits after the prefix are cleared, as Go's
    /// net.ParseCIDR (which Istio's injector validates with) and iptables both do, so <c>10.1.2.3/8</c> means <c>10.0.0.0/8</c>.
    /// A bare address without a prefix is rejected: Istio rejects it too, and guessing /32 would hide a typo.
    /// </summary>
    public static bool TryParse(string text, out IPNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/');
        if (slash <= 0) return false;
        var addressText = text[..slash];
        var prefixText = text[(slash + 1)..];
        // IPAddress.TryParse also takes "10" or "10.1" (inet_aton forms) and zone ids; an annotation should not.
        if (addressText.Contains('%')) return false;
        if (!addressText.Contains(':') && addressText.Split('.') is not { Length: 4 } parts) return false;
        if (!IPAddress.TryParse(addressText, out var address)) return false;
        if (!int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)) return false;
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > bits) return false;
        network = new IPNetwork(Mask(address, prefix), prefix);
        return true;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
