using System.Globalization;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate.Gateways;

/// <summary>
/// The gateway role's listeners (reference/istio-api.md §1.3), from the Gateways that select the proxy:
/// 1. each server goes to the listener of its port (the port the proxy listens on: <see cref="GatewaySelection.ListenPort"/>);
///    a server whose protocol family differs from the port's first server is left out, as Istio rejects the conflict;
/// 2. plain-text HTTP servers of a port share one chain and one route table (<c>http.PORT</c>); <c>httpsRedirect</c>
///    marks their virtual hosts;
/// 3. a terminating HTTPS server is a chain of its own, taken by SNI, with its certificate and route table;
/// 4. a PASSTHROUGH server becomes a chain per VirtualService <c>tls</c> rule, taken by the rule's SNI names;
/// 5. a TCP server (or TLS terminated to TCP) forwards connections by the first applicable <c>tcp</c> rule.
/// </summary>
internal static class GatewayListenerBuilder
{
    public static IReadOnlyList<GatewayListener> Build(RouteContext context)
    {
        var ports = new SortedDictionary<int, Draft>();
        foreach (var gateway in GatewaySelection.For(context.Snapshot, context.Node))
        {
            var key = $"{gateway.Namespace}/{gateway.Name}";
            for (var i = 0; i < gateway.Spec.Servers.Count; i++)
            {
                var server = gateway.Spec.Servers[i];
                if (server.Port is not { Number: > 0 and <= 65535 } port) continue;
                var serverPort = (int)port.Number;
                var protocol = (port.Protocol ?? "HTTP").ToUpperInvariant();
                var listen = GatewaySelection.ListenPort(context.Snapshot, context.Node, serverPort);
                if (!ports.TryGetValue(listen, out var draft)) ports[listen] = draft = new Draft(serverPort, protocol);
                if (Family(draft.Protocol) != Family(protocol)) continue;
                var hosts = server.Hosts.Select(h => GatewayServerHost.Parse(h, gateway.Namespace)).ToList();
                var tls = GatewayTlsBuilder.Build(server.Tls, protocol, context.Snapshot, context.Node);
                var name = string.IsNullOrEmpty(server.Name) ? $"{key}.{i.ToString(CultureInfo.InvariantCulture)}" : $"{key}.{server.Name}";
                var carriesHttp = Family(protocol) == "http" || (protocol == "HTTPS" && tls is { Mode: not GatewayTls.Passthrough });
                if (carriesHttp && tls is null)
                {
                    draft.Plain.AddRange(GatewayRouteTables.VirtualHosts(context, key, hosts, serverPort, server.Tls?.HttpsRedirect == true));
                }
                else if (carriesHttp)
                {
                    draft.Chains.Add(new GatewayChain
                    {
                        Name = name,
                        ServerNames = ServerNames(hosts),
                        Tls = tls,
                        Routes = GatewayRouteTables.Table($"https.{serverPort.ToString(CultureInfo.InvariantCulture)}.{name}", serverPort,
                            GatewayRouteTables.VirtualHosts(context, key, hosts, serverPort, httpsRedirect: false)),
                    });
                }
                else if (tls is { Mode: GatewayTls.Passthrough })
                {
                    draft.Chains.AddRange(GatewayL4Routes.Passthrough(context, key, hosts, serverPort, tls));
                }
                else
                {
                    draft.Chains.Add(new GatewayChain
                    {
                        Name = name,
                        ServerNames = tls is null ? [] : ServerNames(hosts),
                        Tls = tls,
                        TcpRoutes = GatewayL4Routes.Tcp(context, key, hosts, serverPort),
                    });
                }
            }
        }
        return ports.Select(p => new GatewayListener
        {
            Port = p.Key,
            ServerPort = p.Value.ServerPort,
            Protocol = p.Value.Protocol,
            Chains = Family(p.Value.Protocol) != "http" ? p.Value.Chains
                : [.. p.Value.Chains, new GatewayChain
                {
                    Name = $"http.{p.Value.ServerPort.ToString(CultureInfo.InvariantCulture)}",
                    Routes = GatewayRouteTables.Table($"http.{p.Value.ServerPort.ToString(CultureInfo.InvariantCulture)}", p.Value.ServerPort, p.Value.Plain),
                }],
        }).ToList();
    }

    /// <summary>SNI names of a server: its DNS names; <c>*</c> takes any, so the chain then names none.</summary>
    private static IReadOnlyList<string> ServerNames(IReadOnlyList<GatewayServerHost> hosts) =>
        hosts.Any(h => h.DnsName == "*") ? [] : hosts.Select(h => h.DnsName).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Protocols that can share a port: HTTP ones, TLS-carrying ones, and plain TCP (Istio's listener conflict rule).</summary>
    private static string Family(string protocol) => protocol switch
    {
        "HTTP" or "HTTP2" or "GRPC" or "GRPC-WEB" => "http",
        "HTTPS" or "TLS" => "tls",
        _ => "tcp",
    };

    private sealed class Draft(int serverPort, string protocol)
    {
        public int ServerPort { get; } = serverPort;
        public string Protocol { get; } = protocol;
        public List<GatewayChain> Chains { get; } = [];
        public List<VirtualHost> Plain { get; } = [];
    }
}
