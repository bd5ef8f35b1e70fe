using System.Globalization;
using System.Net;

namespace Switchboard.Runtime.Capture;

/// <summary>
/// Reads Istio's <c>traffic.sidecar.istio.io/*</c> pod annotations into <see cref="CaptureOptions"/>. Semantics are the ones
/// istio/api documents in annotation/annotations.yaml (quoted per annotation below); every bad value is reported, not just the first.
/// </summary>
public static class CaptureAnnotations
{
    public const string Prefix = "traffic.sidecar.istio.io/";
    public const string IncludeInboundPorts = Prefix + "includeInboundPorts";
    public const string ExcludeInboundPorts = Prefix + "excludeInboundPorts";
    public const string IncludeOutboundPorts = Prefix + "includeOutboundPorts";
    public const string ExcludeOutboundPorts = Prefix + "excludeOutboundPorts";
    public const string IncludeOutboundIPRanges = Prefix + "includeOutboundIPRanges";
    public const string ExcludeOutboundIPRanges = Prefix + "excludeOutboundIPRanges";

    /// <summary>Istio annotations under the same prefix that Switchboard knows but does not implement; named in the error.</summary>
    private static readonly string[] Unsupported = [Prefix + "excludeInterfaces", Prefix + "kubevirtInterfaces"];

    public static CaptureOptions Apply(IReadOnlyDictionary<string, string> annotations, CaptureOptions defaults)
    {
        var errors = new List<CaptureAnnotationError>();
        var options = defaults with
        {
            // "The wildcard character '*' can be used to configure redirection for all ports. An empty list will disable all
            // inbound redirection."
            IncludeInboundPorts = Ports(annotations, IncludeInboundPorts, allowAll: true, errors) ?? defaults.IncludeInboundPorts,
            // "Only applies when all inbound traffic (i.e. '*') is being redirected." CaptureRules ignores it otherwise.
            ExcludeInboundPorts = Ports(annotations, ExcludeInboundPorts, allowAll: false, errors) ?? defaults.ExcludeInboundPorts,
            // "...redirected to Envoy, regardless of the destination IP": CaptureRules puts these before the IP range rules.
            IncludeOutboundPorts = Ports(annotations, IncludeOutboundPorts, allowAll: false, errors) ?? defaults.IncludeOutboundPorts,
            ExcludeOutboundPorts = Ports(annotations, ExcludeOutboundPorts, allowAll: false, errors) ?? defaults.ExcludeOutboundPorts,
            // "The wildcard character '*' can be used to redirect all outbound traffic. An empty list will disable all outbound
            // redirection."
            IncludeOutboundIPRanges = Ranges(annotations, IncludeOutboundIPRanges, allowAll: true, errors) ?? defaults.IncludeOutboundIPRanges,
            // "Only applies when all outbound traffic (i.e. '*') is being redirected." CaptureRules ignores it otherwise.
            ExcludeOutboundIPRanges = Ranges(annotations, ExcludeOutboundIPRanges, allowAll: false, errors) ?? defaults.ExcludeOutboundIPRanges,
        };
        foreach (var name in Unsupported)
            if (annotations.TryGetValue(name, out var value))
                errors.Add(new(name, value, "is not supported by Switchboard yet; remove it or capture all interfaces"));
        if (errors.Count > 0) throw new CaptureAnnotationException(errors);
        return options;
    }

    private static PortSet? Ports(IReadOnlyDictionary<string, string> annotations, string name, bool allowAll, List<CaptureAnnotationError> errors)
    {
        if (Entries(annotations, name, allowAll, errors) is not { } entries) return null;
        if (entries.Count == 1 && entries[0] == "*") return PortSet.All;
        var ports = new List<int>();
        foreach (var entry in entries)
        {
            if (int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535) ports.Add(port);
            else errors.Add(new(name, annotations[name], $"'{entry}' is not a port (1-65535)"));
        }
        return PortSet.Of(ports);
    }

    private static CidrSet? Ranges(IReadOnlyDictionary<string, string> annotations, string name, bool allowAll, List<CaptureAnnotationError> errors)
    {
        if (Entries(annotations, name, allowAll, errors) is not { } entries) return null;
        if (entries.Count == 1 && entries[0] == "*") return CidrSet.All;
        var ranges = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            if (Cidr.TryParse(entry, out var range)) ranges.Add(range);
            else errors.Add(new(name, annotations[name], $"'{entry}' is not a CIDR range such as 10.0.0.0/8 or fd00::/8"));
        }
        return CidrSet.Of(ranges);
    }

    /// <summary>The comma-separated entries, trimmed; null when the annotation is absent. Empty entries ("80,,81", a trailing comma) are skipped.</summary>
    private static List<string>? Entries(IReadOnlyDictionary<string, string> annotations, string name, bool allowAll, List<CaptureAnnotationError> errors)
    {
        if (!annotations.TryGetValue(name, out var value)) return null;
        var entries = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!entries.Contains("*")) return entries;
        if (!allowAll) errors.Add(new(name, value, "'*' is only allowed in the include annotations"));
        else if (entries.Count > 1) errors.Add(new(name, value, "'*' must be the only entry"));
        else return entries;
        return [];
    }
}
