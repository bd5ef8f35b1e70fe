using System.Net;

namespace Switchboard.Model;

/// <summary>
/// Host name rules shared by every analyzer: short names resolve in the referring resource's namespace
/// (<c>reviews</c> in <c>default</c> → <c>reviews.default.svc.cluster.local</c>), and wildcards match by suffix.
/// </summary>
public sealed class HostNames(string clusterDomain = "cluster.local")
{
    public string ClusterDomain { get; } = clusterDomain;

    /// <summary>
    /// The FQDN <paramref name="host"/> means when written in <paramref name="ns"/>. <c>name</c> and
    /// <c>name.namespace</c> (when <paramref name="isNamespace"/> says so) expand to cluster names; others stay as written.
    /// </summary>
    public string Resolve(string host, string ns, Func<string, bool>? isNamespace = null)
    {
        if (host.Length == 0 || host.Contains('*') || IPAddress.TryParse(host, out _)) return host;
        var dots = host.Count(c => c == '.');
        if (dots == 0) return $"{host}.{ns}.svc.{ClusterDomain}";
        if (dots == 1 && isNamespace is not null && isNamespace(host[(host.IndexOf('.') + 1)..])) return $"{host}.svc.{ClusterDomain}";
        if (host.EndsWith(".svc", StringComparison.Ordinal)) return $"{host}.{ClusterDomain}";
        return host;
    }

    /// <summary>The short service name and namespace of a cluster-local FQDN, or null.</summary>
    public (string Name, string Namespace)? SplitClusterHost(string fqdn)
    {
        var suffix = $".svc.{ClusterDomain}";
        if (!fqdn.EndsWith(suffix, StringComparison.Ordinal)) return null;
        var parts = fqdn[..^suffix.Length].Split('.');
        return parts.Length == 2 ? (parts[0], parts[1]) : null;
    }

    /// <summary>True when host pattern <paramref name="a"/> and <paramref name="b"/> can name the same host (wildcards by suffix).</summary>
    public static bool Overlap(string a, string b)
    {
        if (a == b || a == "*" || b == "*") return true;
        if (a.StartsWith("*.", StringComparison.Ordinal) && (b.EndsWith(a[1..], StringComparison.Ordinal) || b == a[2..])) return true;
        if (b.StartsWith("*.", StringComparison.Ordinal) && (a.EndsWith(b[1..], StringComparison.Ordinal) || a == b[2..])) return true;
        return false;
    }

    /// <summary>True when <paramref name="pattern"/> (possibly <c>*.suffix</c> or <c>*</c>) covers <paramref name="host"/>.</summary>
    public static bool Covers(string pattern, string host) =>
        pattern == "*" || pattern == host || (pattern.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(pattern[1..], StringComparison.Ordinal));
}
