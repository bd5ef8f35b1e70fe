using System.Globalization;

namespace Switchboard.Config.Validation;

/// <summary>
/// DNS names, wildcard hosts and IP addresses as Istio accepts them (RFC 1123 labels, lower case;
/// a wildcard only in the first label). Each check returns why a value is invalid, or null.
/// </summary>
internal static class HostNames
{
    /// <summary>RFC 1123 label: 1–63 of <c>[a-z0-9-]</c>, alphanumeric at both ends.</summary>
    public static bool IsDnsLabel(string s) =>
        s.Length is > 0 and <= 63 && IsLowerAlnum(s[0]) && IsLowerAlnum(s[^1]) && s.All(c => IsLowerAlnum(c) || c == '-');

    /// <summary>RFC 1123 subdomain: dot-separated labels, at most 253 characters (Kubernetes object names).</summary>
    public static bool IsDnsSubdomain(string s) => s.Length is > 0 and <= 253 && s.Split('.').All(IsDnsLabel);

    /// <summary>A first label that may be <c>*</c> or start with <c>*</c> (<c>*</c>, <c>*foo</c>, <c>*-foo</c>, <c>foo</c>).</summary>
    public static bool IsWildcardDnsLabel(string s)
    {
        if (s == "*") return true;
        var rest = s.StartsWith("*-", StringComparison.Ordinal) ? s[2..] : s.StartsWith('*') ? s[1..] : s;
        return s.Length <= 63 && IsDnsLabel(rest);
    }

    /// <summary>A fully qualified name such as <c>api.example.com</c> (a trailing dot is allowed).</summary>
    public static string? CheckFqdn(string name) => CheckLength(name) ?? CheckLabels(name, name);

    /// <summary>A DNS name whose first label may be a wildcard: <c>*.example.com</c>, <c>*</c>, <c>reviews</c>.</summary>
    public static string? CheckWildcardDomain(string name)
    {
        if (CheckLength(name) is { } error) return error;
        var dot = name.IndexOf('.');
        var first = dot < 0 ? name : name[..dot];
        if (!IsWildcardDnsLabel(first)) return $"\"{name}\" is not a valid host name (label \"{first}\" is invalid)";
        return dot < 0 ? null : CheckLabels(name[(dot + 1)..], name);
    }

    /// <summary>True for a wildcard anywhere but as the whole first label (<c>foo*.com</c>, <c>*foo.com</c>).</summary>
    public static bool IsPartialWildcard(string host) => host.Contains('*') && host != "*" && !host.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>True when one host pattern covers some name the other does (<c>*.foo.com</c> and <c>a.foo.com</c>).</summary>
    public static bool Overlap(string a, string b)
    {
        var aWild = a.StartsWith('*');
        var bWild = b.StartsWith('*');
        if (aWild && bWild) return a[1..].EndsWith(b[1..], StringComparison.Ordinal) || b[1..].EndsWith(a[1..], StringComparison.Ordinal);
        if (aWild) return b.EndsWith(a[1..], StringComparison.Ordinal);
        if (bWild) return a.EndsWith(b[1..], StringComparison.Ordinal);
        return a == b;
    }

    /// <summary>True when every name <paramref name="host"/> covers is also covered by <paramref name="of"/>.</summary>
    public static bool IsSubsetOf(string host, string of)
    {
        if (!of.StartsWith('*')) return host == of;
        var suffix = of[1..];
        return (host.StartsWith('*') ? host[1..] : host).EndsWith(suffix, StringComparison.Ordinal);
    }

    /// <summary>A literal IPv4 or IPv6 address, parsed as strictly as Go's <c>netip.ParseAddr</c> (no <c>1.2</c> or <c>010.0.0.1</c>).</summary>
    public static bool IsIp(string s)
    {
        if (s.Contains(':')) return System.Net.IPAddress.TryParse(s, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var parts = s.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)
            && (p.Length == 1 || p[0] != '0') && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>An IP address or a CIDR block (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>).</summary>
    public static string? CheckIpOrCidr(string s)
    {
        var slash = s.IndexOf('/');
        if (slash < 0) return IsIp(s) ? null : $"\"{s}\" is not a valid IP address";
        var ip = s[..slash];
        var bits = s[(slash + 1)..];
        var max = ip.Contains(':') ? 128 : 32;
        return IsIp(ip) && bits.Length is > 0 and <= 3 && bits.All(char.IsAsciiDigit) && int.Parse(bits, CultureInfo.InvariantCulture) <= max
            ? null
            : $"\"{s}\" is not a valid CIDR block";
    }

    private static string? CheckLength(string name) =>
        name.Length == 0 ? "host name must not be empty" : name.Length > 255 ? $"host name \"{name[..40]}...\" is longer than 255 characters" : null;

    private static string? CheckLabels(string domain, string whole)
    {
        var labels = domain.Split('.');
        var last = labels[^1].Length == 0 && labels.Length > 1 ? labels[^2] : labels[^1];
        if (last.Length > 0 && last.All(char.IsAsciiDigit)) return $"\"{whole}\" is not a valid host name (top-level domain \"{last}\" is all digits)";
        for (var i = 0; i < labels.Length; i++)
        {
            if (i == labels.Length - 1 && labels[i].Length == 0 && i > 0) break; // trailing dot: "istio.io."
            if (!IsDnsLabel(labels[i])) return $"\"{whole}\" is not a valid host name (label \"{labels[i]}\" is invalid)";
        }
        return null;
    }

    private static bool IsLowerAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
