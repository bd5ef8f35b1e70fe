namespace Switchboard.Runtime.Capture;

/// <summary>The PREROUTING half of <see cref="CaptureRules"/>: connections arriving at the pod go to the inbound listener (15006).</summary>
internal static class InboundRules
{
    public static void Add(List<string> rules, CaptureOptions options)
    {
        // Empty includeInboundPorts: "An empty list will disable all inbound redirection", so not even the jump is installed.
        if (options.IncludeInboundPorts.IsEmpty) return;
        rules.Add($"-A PREROUTING -p tcp -j {CaptureRules.Inbound}");
        // The proxy's own ports first, so that no include or exclude setting can capture them.
        foreach (var port in ProxyPorts.NeverCapturedInbound)
            rules.Add($"-A {CaptureRules.Inbound} -p tcp --dport {port} -j RETURN");
        if (options.IncludeInboundPorts.IsAll)
        {
            // excludeInboundPorts "only applies when all inbound traffic (i.e. '*') is being redirected".
            foreach (var port in options.ExcludeInboundPorts.Ports.Except(ProxyPorts.NeverCapturedInbound))
                rules.Add($"-A {CaptureRules.Inbound} -p tcp --dport {port} -j RETURN");
            rules.Add($"-A {CaptureRules.Inbound} -p tcp -j {CaptureRules.InRedirect}");
            return;
        }
        foreach (var port in options.IncludeInboundPorts.Ports.Except(ProxyPorts.NeverCapturedInbound))
            rules.Add($"-A {CaptureRules.Inbound} -p tcp --dport {port} -j {CaptureRules.InRedirect}");
    }
}
