using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>TLS (SNI) and TCP routes of a VirtualService.</summary>
internal static class L4RouteChecks
{
    public static void Tls(ValidationContext context, string path, TlsRoute route, IReadOnlyList<string> hosts)
    {
        if (route.Match.Count == 0) context.Error($"{path}.match", "a TLS route needs at least one match with sniHosts");
        for (var i = 0; i < route.Match.Count; i++)
        {
            var match = route.Match[i];
            var matchPath = $"{path}.match[{i}]";
            if (match.SniHosts.Count == 0) context.Error($"{matchPath}.sniHosts", "a TLS match needs at least one SNI host");
            for (var j = 0; j < match.SniHosts.Count; j++) SniHost(context, $"{matchPath}.sniHosts[{j}]", match.SniHosts[j], hosts);
            Common(context, matchPath, match.DestinationSubnets, match.Port, match.SourceLabels, match.Gateways);
        }
        Destinations(context, path, "TLS", route.Route);
    }

    public static void Tcp(ValidationContext context, string path, TcpRoute route)
    {
        for (var i = 0; i < route.Match.Count; i++)
        {
            var match = route.Match[i];
            Common(context, $"{path}.match[{i}]", match.DestinationSubnets, match.Port, match.SourceLabels, match.Gateways);
            if (match.SourceSubnet is { } subnet && HostNames.CheckIpOrCidr(subnet) is { } error) context.Error($"{path}.match[{i}].sourceSubnet", error);
        }
        Destinations(context, path, "TCP", route.Route);
    }

    private static void SniHost(ValidationContext context, string path, string sni, IReadOnlyList<string> hosts)
    {
        if (HostNames.IsIp(sni))
        {
            context.Warning(path, $"SNI host \"{sni}\" is an IP address; SNI carries names and most clients never send an IP");
            return;
        }
        if (HostNames.CheckWildcardDomain(sni) is { } error)
        {
            context.Error(path, error);
            return;
        }
        if (!hosts.Any(h => HostNames.IsSubsetOf(sni, h)))
        {
            context.Error(path, $"SNI host \"{sni}\" is not covered by any of the VirtualService's hosts [{string.Join(", ", hosts)}]");
        }
    }

    private static void Common(ValidationContext context, string path, IReadOnlyList<string> subnets, uint? port,
        IReadOnlyDictionary<string, string> sourceLabels, IReadOnlyList<string> gateways)
    {
        for (var i = 0; i < subnets.Count; i++)
        {
            if (HostNames.CheckIpOrCidr(subnets[i]) is { } error) context.Error($"{path}.destinationSubnets[{i}]", error);
        }
        if (port is { } p) NetworkChecks.Port(context, $"{path}.port", p);
        LabelChecks.Labels(context, $"{path}.sourceLabels", sourceLabels);
        GatewayNameChecks.Validate(context, $"{path}.gateways", gateways);
    }

    private static void Destinations(ValidationContext context, string path, string kind, IReadOnlyList<RouteDestination> route)
    {
        if (route.Count == 0) context.Error($"{path}.route", $"a {kind} route needs at least one destination");
        for (var i = 0; i < route.Count; i++) RouteDestinationChecks.Destination(context, $"{path}.route[{i}].destination", route[i].Destination);
        RouteDestinationChecks.Weights(context, $"{path}.route", route.Select(d => d.Weight).ToList());
    }
}
