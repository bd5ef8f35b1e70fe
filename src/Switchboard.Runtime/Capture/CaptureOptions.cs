namespace Switchboard.Runtime.Capture;

/// <summary>
/// What the capture rules of one pod redirect, with Istio's defaults (istio-iptables flags in brackets). Build one from a pod's
/// <c>traffic.sidecar.istio.io/*</c> annotations with <see cref="FromAnnotations"/>.
/// </summary>
public sealed record CaptureOptions
{
    /// <summary>The proxy's UID (<c>-u</c>); its own connections are never captured, or it would loop into itself.</summary>
    public int ProxyUid { get; init; } = ProxyPorts.ProxyUid;

    /// <summary>The proxy's GID (<c>-g</c>), exempted like the UID.</summary>
    public int ProxyGid { get; init; } = ProxyPorts.ProxyUid;

    /// <summary>Where captured inbound connections go (<c>-z</c>, 15006).</summary>
    public int InboundCapturePort { get; init; } = ProxyPorts.InboundCapture;

    /// <summary>Where captured outbound connections go (<c>-p</c>, 15001).</summary>
    public int OutboundCapturePort { get; init; } = ProxyPorts.OutboundCapture;

    /// <summary>Inbound ports captured (<c>-b</c>, <c>includeInboundPorts</c>): all by default; empty turns inbound capture off.</summary>
    public PortSet IncludeInboundPorts { get; init; } = PortSet.All;

    /// <summary>Inbound ports left alone (<c>-d</c>, <c>excludeInboundPorts</c>); only used when every port is captured, as Istio documents.</summary>
    public PortSet ExcludeInboundPorts { get; init; } = PortSet.None;

    /// <summary>Outbound ports captured whatever the destination address (<c>-q</c>, <c>includeOutboundPorts</c>).</summary>
    public PortSet IncludeOutboundPorts { get; init; } = PortSet.None;

    /// <summary>Outbound ports never captured (<c>-o</c>, <c>excludeOutboundPorts</c>).</summary>
    public PortSet ExcludeOutboundPorts { get; init; } = PortSet.None;

    /// <summary>Outbound destinations captured (<c>-i</c>, <c>includeOutboundIPRanges</c>): all by default; empty turns outbound capture off.</summary>
    public CidrSet IncludeOutboundIPRanges { get; init; } = CidrSet.All;

    /// <summary>Outbound destinations left alone (<c>-x</c>, <c>excludeOutboundIPRanges</c>); only used when every destination is captured.</summary>
    public CidrSet ExcludeOutboundIPRanges { get; init; } = CidrSet.None;

    /// <summary>Also generate ip6tables rules. Off by default: the local runtime's pod network is IPv4 only (DESIGN §4).</summary>
    public bool EnableIPv6 { get; init; }

    /// <summary>
    /// <paramref name="defaults"/> (or Istio's defaults) overridden by the pod's <c>traffic.sidecar.istio.io/*</c> annotations.
    /// Throws <see cref="CaptureAnnotationException"/> listing every bad annotation value.
    /// </summary>
    public static CaptureOptions FromAnnotations(IReadOnlyDictionary<string, string> podAnnotations, CaptureOptions? defaults = null) =>
        CaptureAnnotations.Apply(podAnnotations, defaults ?? new CaptureOptions());

    /// <summary>Problems a caller could not catch with types: ports out of range, <c>*</c> in an exclude list. Empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ProxyUid < 0) problems.Add($"proxy UID {ProxyUid} is negative");
        if (ProxyGid < 0) problems.Add($"proxy GID {ProxyGid} is negative");
        foreach (var (name, port) in new[] { ("inbound capture port", InboundCapturePort), ("outbound capture port", OutboundCapturePort) })
            if (port is < 1 or > 65535) problems.Add($"{name} {port} is not in 1-65535");
        if (InboundCapturePort == OutboundCapturePort) problems.Add($"inbound and outbound capture ports are both {InboundCapturePort}");
        // '*' means "all" only for the include settings; an exclude-everything is spelled as an empty include.
        if (ExcludeInboundPorts.IsAll) problems.Add("excluded inbound ports cannot be '*'; set the included inbound ports to empty instead");
        if (ExcludeOutboundPorts.IsAll) problems.Add("excluded outbound ports cannot be '*'");
        if (IncludeOutboundPorts.IsAll) problems.Add("included outbound ports cannot be '*'; use the included outbound IP ranges '*'");
        if (ExcludeOutboundIPRanges.IsAll) problems.Add("excluded outbound IP ranges cannot be '*'; set the included ranges to empty instead");
        return problems;
    }
}
