using System.Net;

namespace Switchboard.Model;

/// <summary>Orders addresses numerically when both are IPs (198.18.0.9 before 198.18.0.10), else by ordinal text; IPs first.</summary>
public sealed class AddressOrder : IComparer<string>
{
    public static AddressOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var xIp = IPAddress.TryParse(x, out var a);
        var yIp = IPAddress.TryParse(y, out var b);
        if (xIp && yIp)
        {
            var c = a!.AddressFamily.CompareTo(b!.AddressFamily);
            if (c != 0) return c;
            var ab = a.GetAddressBytes();
            var bb = b.GetAddressBytes();
            c = ab.AsSpan().SequenceCompareTo(bb);
            return c != 0 ? c : string.CompareOrdinal(x, y);
        }
        if (xIp != yIp) return xIp ? -1 : 1;
        return string.CompareOrdinal(x, y);
    }
}
