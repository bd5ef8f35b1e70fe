using System.Net;
using System.Net.Sockets;

namespace Switchboard.Runtime.Capture;

/// <summary>The OUTPUT half of <see cref="CaptureRules"/>: connections the pod opens go to the outbound listener (15001), except the proxy's own.</summary>
internal static class OutboundRules
{
    public static void Add(List<string> rules, CaptureOptions options, AddressFamily family)
    {
        var v6 = family == AddressFamily.InterNetworkV6;
        var loopback = v6 ? "::1/128" : "127.0.0.1/32";
        // Istio's inbound passthrough connects to the app from 127.0.0.6 (::6); those must reach the app, not loop back in.
        var passthroughSource = v6 ? "::6/128" : "127.0.0.6/32";
        var output = CaptureRules.Output;

        rules.Add($"-A OUTPUT -p tcp -j {output}");
        rules.Add($"-A {output} -o lo -s {passthroughSource} -j RETURN");
        foreach (var (match, id) in new[] { ("--uid-owner", options.ProxyUid), ("--gid-owner", options.ProxyGid) })
        {
            // The app called a service whose chosen endpoint is this very pod: the outbound proxy dials the pod's own IP, which the
            // kernel routes over lo. Send it through the inbound listener so the pod's inbound policy (mTLS, authz) still applies.
            rules.Add($"-A {output} -o lo ! -d {loopback} -p tcp -m owner {match} {id} -j {CaptureRules.InRedirect}");
            // The app talking to itself over lo (its pod IP or localhost) never leaves the pod: not captured, as in Istio.
            rules.Add($"-A {output} -o lo -m owner ! {match} {id} -j RETURN");
            // Everything else the proxy sends is already proxied; capturing it again would loop.
            rules.Add($"-A {output} -m owner {match} {id} -j RETURN");
        }
        rules.Add($"-A {output} -d {loopback} -j RETURN");
        // Excluded ports before included ones: when a port is in both lists, leaving it alone is the safer reading.
        foreach (var port in options.ExcludeOutboundPorts.Ports)
            rules.Add($"-A {output} -p tcp --dport {port} -j RETURN");
        // includeOutboundPorts are captured "regardless of the destination IP", so they come before the IP range rules.
        foreach (var port in options.IncludeOutboundPorts.Ports)
            rules.Add($"-A {output} -p tcp --dport {port} -j {CaptureRules.Redirect}");
        AddRanges(rules, options, family);
    }

    private static void AddRanges(List<string> rules, CaptureOptions options, AddressFamily family)
    {
        var output = CaptureRules.Output;
        if (options.IncludeOutboundIPRanges.IsAll)
        {
            // excludeOutboundIPRanges "only applies when all outbound traffic (i.e. '*') is being redirected".
            foreach (IPNetwork range in options.ExcludeOutboundIPRanges.OfFamily(family))
                rules.Add($"-A {output} -d {CaptureRules.Format(range)} -j RETURN");
            rules.Add($"-A {output} -j {CaptureRules.Redirect}");
            return;
        }
        // An explicit list captures only those ranges (an empty one captures nothing); ranges of the other family go to the other table.
        foreach (IPNetwork range in options.IncludeOutboundIPRanges.OfFamily(family))
            rules.Add($"-A {output} -d {CaptureRules.Format(range)} -j {CaptureRules.Redirect}");
    }
}
