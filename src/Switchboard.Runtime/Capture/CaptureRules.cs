using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Runtime.Capture;

/// <summary>
/// Generates the nat-table rules that send a pod's TCP through its sidecar, in iptables-restore format, with Istio's chain names
/// (DESIGN §3). A pure function of <see cref="CaptureOptions"/>: same options, same lines (golden-tested).
/// </summary>
/// <remarks>
/// Flow of a packet that opens a connection:
/// <code>
///   from outside ─► PREROUTING ─► ISTIO_INBOUND ─► ISTIO_IN_REDIRECT ─► REDIRECT :15006 (inbound listener)
///   from the pod ─► OUTPUT ─────► ISTIO_OUTPUT ──► ISTIO_REDIRECT ────► REDIRECT :15001 (outbound listener)
///                                      └─ proxy's own connection to its pod IP ─► ISTIO_IN_REDIRECT
/// </code>
/// Only the first packet of a connection walks the nat table; conntrack rewrites the rest and the replies.
/// </remarks>
public static class CaptureRules
{
    public const string Inbound = "ISTIO_INBOUND";
    public const string InRedirect = "ISTIO_IN_REDIRECT";
    public const string Output = "ISTIO_OUTPUT";
    public const string Redirect = "ISTIO_REDIRECT";

    /// <summary>The IPv4 rules (for <c>iptables-restore</c>). Throws <see cref="ArgumentException"/> if <see cref="CaptureOptions.Validate"/> finds problems.</summary>
    public static IReadOnlyList<string> Build(CaptureOptions options) => Build(options, AddressFamily.InterNetwork);

    /// <summary>The IPv6 rules (for <c>ip6tables-restore</c>); empty unless <see cref="CaptureOptions.EnableIPv6"/>.</summary>
    public static IReadOnlyList<string> BuildIPv6(CaptureOptions options) =>
        options.EnableIPv6 ? Build(options, AddressFamily.InterNetworkV6) : [];

    private static IReadOnlyList<string> Build(CaptureOptions options, AddressFamily family)
    {
        if (options.Validate() is { Count: > 0 } problems)
            throw new ArgumentException("invalid capture options: " + string.Join("; ", problems), nameof(options));
        var v6 = family == AddressFamily.InterNetworkV6;
        var rules = new List<string>
        {
            $"# Switchboard sidecar capture ({(v6 ? "ip6tables" : "iptables")}-restore, nat table): {Describe(options)}",
            "*nat",
            $":{Inbound} - [0:0]",
            $":{InRedirect} - [0:0]",
            $":{Output} - [0:0]",
            $":{Redirect} - [0:0]",
            $"-A {InRedirect} -p tcp -j REDIRECT --to-ports {options.InboundCapturePort}",
            $"-A {Redirect} -p tcp -j REDIRECT --to-ports {options.OutboundCapturePort}",
        };
        InboundRules.Add(rules, options);
        OutboundRules.Add(rules, options, family);
        rules.Add("COMMIT");
        return rules;
    }

    /// <summary>The options in annotation terms, written into the header so a dumped rule file says what it was made from.</summary>
    private static string Describe(CaptureOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"uid={o.ProxyUid} gid={o.ProxyGid} inbound={o.InboundCapturePort} outbound={o.OutboundCapturePort} " +
        $"includeInboundPorts=\"{o.IncludeInboundPorts}\" excludeInboundPorts=\"{o.ExcludeInboundPorts}\" " +
        $"includeOutboundPorts=\"{o.IncludeOutboundPorts}\" excludeOutboundPorts=\"{o.ExcludeOutboundPorts}\" " +
        $"includeOutboundIPRanges=\"{o.IncludeOutboundIPRanges}\" excludeOutboundIPRanges=\"{o.ExcludeOutboundIPRanges}\"");

    /// <summary>A CIDR as iptables prints it back in <c>iptables-save</c>, so dumps and goldens compare equal.</summary>
    internal static string Format(IPNetwork range) => $"{range.BaseAddress}/{range.PrefixLength}";
}
