using System.Globalization;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Groups virtual hosts into one route table per outbound port (named by the port number, as Istio names sidecar
/// routes). Only ports that carry HTTP get one: http, http2, grpc, grpc-web, and undeclared ones (sniffed, so they may
/// turn out to be HTTP). Opaque TCP ports have no route table; their routing will come from VirtualService tcp routes.
/// A domain belongs to one virtual host per table: when two services claim it, the first by name keeps it.
/// </summary>
internal static class RouteTableBuilder
{
    public static IReadOnlyList<RouteTable> Build(RouteContext context)
    {
        var byPort = new SortedDictionary<int, List<VirtualHost>>();
        foreach (var service in context.Scope.Services)
        {
            foreach (var port in service.Ports)
            {
                if (port.Protocol is not null && !Protocols.IsHttp(port.Protocol)) continue;
                if (!byPort.TryGetValue(port.Number, out var hosts)) byPort[port.Number] = hosts = [];
                hosts.Add(VirtualHostBuilder.Build(service, port, context));
            }
        }
        return byPort.Select(p => new RouteTable
        {
            Name = p.Key.ToString(CultureInfo.InvariantCulture),
            Port = p.Key,
            VirtualHosts = WithUniqueDomains(p.Value.OrderBy(v => v.Name, StringComparer.Ordinal)),
        }).ToList();
    }

    private static List<VirtualHost> WithUniqueDomains(IEnumerable<VirtualHost> hosts)
    {
        var claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return hosts.Select(h => h with { Domains = h.Domains.Where(claimed.Add).ToList() }).ToList();
    }
}
