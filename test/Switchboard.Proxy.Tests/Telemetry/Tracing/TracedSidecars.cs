using System.Net;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>
/// Static configs for sidecars of workloads in <c>default</c> that call services on port 8080: each service routes to
/// one endpoint (an app, or another sidecar's pod address on 127.0.0.x), with the tracing policies given per side.
/// </summary>
public static class TracedSidecars
{
    public const int ServicePort = 8080;

    public static string Fqdn(string service) => $"{service}.default.svc.cluster.local";

    public static ProxyConfig Sidecar(string workload, TracingPolicy? client, TracingPolicy? server, params (string Service, string Address, int Port)[] services) => new()
    {
        Node = new ProxyNode { Namespace = "default", Workload = $"{workload}-0", Labels = new Dictionary<string, string> { ["app"] = workload, ["version"] = "v1" } },
        RouteTables =
        [
            new RouteTable
            {
                Name = "8080",
                Port = ServicePort,
                VirtualHosts = services.Select(s => new VirtualHost
                {
                    Name = $"{Fqdn(s.Service)}:8080",
                    Domains = [s.Service, $"{s.Service}:8080", $"{s.Service}.default", $"{s.Service}.default:8080", Fqdn(s.Service), $"{Fqdn(s.Service)}:8080"],
                    Routes =
                    [
                        new Route
                        {
                            Name = "default",
                            Forward = new ForwardAction { Clusters = [new WeightedCluster { Cluster = ClusterOf(s.Service), Weight = 100 }] },
                        },
                    ],
                }).ToList(),
            },
        ],
        Clusters = services.Select(s => new Cluster { Name = ClusterOf(s.Service), Host = Fqdn(s.Service), Port = ServicePort, Protocol = "http" }).ToList(),
        Endpoints = services.Select(s => new ClusterEndpoints
        {
            Cluster = ClusterOf(s.Service),
            Endpoints = [new Endpoint { Address = s.Address, Port = s.Port }],
        }).ToList(),
        Telemetry = new TelemetryPolicy { ClientTracing = client, ServerTracing = server },
    };

    public static string ClusterOf(string service) => Cluster.NameOf(ServicePort, "", Fqdn(service));

    /// <summary>The pod address a sidecar stands in for: 127.0.0.<paramref name="host"/> on the app's port.</summary>
    public static IPEndPoint PodAddress(int host, int appPort) => new(IPAddress.Parse($"127.0.0.{host}"), appPort);
}
