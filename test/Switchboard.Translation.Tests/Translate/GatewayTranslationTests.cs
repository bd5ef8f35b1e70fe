using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Tests.TestSupport;
using Switchboard.Translation.Translate;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>
/// The gateway role's translation (reference/istio-api.md §1.3): which Gateways and VirtualServices reach a gateway proxy,
/// the names its virtual hosts take, the port it listens on, and credential references that follow the Secret.
/// </summary>
public sealed class GatewayTranslationTests
{
    private const string Base = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: prod}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 8080}]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: ingress, namespace: istio-system}
        spec: {address: 10.0.0.9, labels: {istio: ingressgateway}}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: other-gateway, namespace: istio-system}
        spec: {address: 10.0.0.8, labels: {istio: other}}
        """;

    private static ProxyConfig.ProxyConfig Gateway(string yaml, string proxy = "istio-system/ingress")
    {
        var snapshot = Mesh.Snapshot(Base + "\n---\n" + yaml);
        return Translator.Translate(snapshot, Mesh.Node(snapshot, proxy) with { Role = ProxyRole.Gateway });
    }

    private static string Server(string hosts, int port = 80, string protocol = "HTTP", string? tls = null) => $$"""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: prod}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: {{port}}, name: p, protocol: {{protocol}}}
            hosts: {{hosts}}
        {{(tls is null ? "" : "    tls: " + tls)}}
        """;

    private static string Routing(string ns, string hosts, string gateways) => $$"""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: vs-{{ns}}, namespace: {{ns}}}
        spec:
          hosts: {{hosts}}
          gateways: {{gateways}}
          http:
          - route:
            - destination: {host: web.prod.svc.cluster.local}
        """;

    private static IReadOnlyList<string> Domains(ProxyConfig.ProxyConfig config) =>
        config.GatewayListeners.SelectMany(l => l.Chains).SelectMany(c => c.Routes?.VirtualHosts ?? []).SelectMany(v => v.Domains).ToList();

    [Fact]
    public void Only_gateway_proxies_selected_by_the_gateway_get_its_listeners_and_sidecar_route_tables_stay_empty()
    {
        var yaml = Server("[api.example.com]") + "\n---\n" + Routing("prod", "[api.example.com]", "[edge]");
        var ingress = Gateway(yaml);
        Assert.Equal([80], ingress.GatewayListeners.Select(l => l.Port));
        Assert.Equal(["api.example.com"], Domains(ingress));
        Assert.Empty(ingress.RouteTables);
        Assert.Empty(Gateway(yaml, "istio-system/other-gateway").GatewayListeners);
    }

    [Theory]
    [InlineData("[edge]", true)]
    [InlineData("[prod/edge]", true)]
    [InlineData("[mesh, edge]", true)]
    [InlineData("[mesh]", false)]
    [InlineData("[]", false)]
    [InlineData("[other/edge]", false)]
    public void A_virtual_service_reaches_the_gateway_only_when_it_names_it(string gateways, bool bound) =>
        Assert.Equal(bound, Domains(Gateway(Server("[api.example.com]") + "\n---\n" + Routing("prod", "[api.example.com]", gateways))).Count > 0);

    [Fact]
    public void A_short_gateway_name_resolves_in_the_virtual_services_namespace()
    {
        // "edge" written in namespace team means team/edge, not the prod/edge this proxy serves.
        var config = Gateway(Server("[\"*/api.example.com\"]") + "\n---\n" + Routing("team", "[api.example.com]", "[edge]"));
        Assert.Empty(Domains(config));
        Assert.Equal(["api.example.com"], Domains(Gateway(Server("[\"*/api.example.com\"]") + "\n---\n" + Routing("team", "[api.example.com]", "[prod/edge]"))));
    }

    [Theory]
    [InlineData("[\"prod/*\"]", "prod", true)]
    [InlineData("[\"prod/*\"]", "team", false)]
    [InlineData("[\"./*\"]", "prod", true)]
    [InlineData("[\"./*\"]", "team", false)]
    [InlineData("[\"*/*\"]", "team", true)]
    [InlineData("[\"*\"]", "team", true)]
    public void Server_host_namespaces_say_whose_virtual_services_bind(string hosts, string ns, bool bound) =>
        Assert.Equal(bound, Domains(Gateway(Server(hosts) + "\n---\n" + Routing(ns, "[api.example.com]", "[prod/edge]"))).Count > 0);

    [Theory]
    [InlineData("[\"*.example.com\"]", "[api.example.com]", "api.example.com")]
    [InlineData("[api.example.com]", "[\"*.example.com\"]", "api.example.com")]
    [InlineData("[api.example.com]", "[\"*\"]", "api.example.com")]
    [InlineData("[\"*\"]", "[api.example.com]", "api.example.com")]
    [InlineData("[www.example.com]", "[api.example.com]", null)]
    public void Virtual_hosts_take_the_narrower_of_server_and_virtual_service_hosts(string serverHosts, string vsHosts, string? domain) =>
        Assert.Equal(domain is null ? [] : [domain], Domains(Gateway(Server(serverHosts) + "\n---\n" + Routing("prod", vsHosts, "[edge]"))));

    [Fact]
    public void The_gateway_listens_on_the_target_port_of_the_service_that_exposes_the_server_port()
    {
        var service = """
            apiVersion: v1
            kind: Service
            metadata: {name: ingress, namespace: istio-system}
            spec:
              selector: {istio: ingressgateway}
              ports: [{name: https, port: 443, targetPort: 8443}]
            """;
        var config = Gateway(Server("[api.example.com]", 443, "HTTPS", "{mode: SIMPLE, credentialName: cert}") + "\n---\n" + service);
        var listener = Assert.Single(config.GatewayListeners);
        Assert.Equal((8443, 443), (listener.Port, listener.ServerPort));
        var chain = Assert.Single(listener.Chains);
        Assert.Equal(["api.example.com"], chain.ServerNames);
        Assert.Equal(new CredentialReference { Namespace = "istio-system", Name = "cert", Version = CredentialReference.Absent }, chain.Tls!.Credential);
    }

    [Fact]
    public void A_credential_reference_is_read_in_the_gateway_workloads_namespace_and_changes_with_the_secret()
    {
        static string Secret(string ns, string data) => $$"""
            apiVersion: v1
            kind: Secret
            metadata: {name: cert, namespace: {{ns}}}
            stringData: {tls.crt: "{{data}}", tls.key: "k"}
            """;
        var server = Server("[api.example.com]", 443, "HTTPS", "{mode: SIMPLE, credentialName: cert}");
        string Version(string yaml) => Gateway(server + "\n---\n" + yaml).GatewayListeners[0].Chains[0].Tls!.Credential!.Version;
        // In the Gateway's own namespace it is not found: credentials live where the gateway workload runs.
        Assert.Equal(CredentialReference.Absent, Version(Secret("prod", "a")));
        var first = Version(Secret("istio-system", "a"));
        Assert.NotEqual(CredentialReference.Absent, first);
        Assert.Equal(first, Version(Secret("istio-system", "a")));
        Assert.NotEqual(first, Version(Secret("istio-system", "b")));
    }

    [Fact]
    public void Plain_http_servers_share_a_table_and_https_redirect_marks_their_hosts()
    {
        var config = Gateway(Server("[api.example.com]", 80, "HTTP", "{httpsRedirect: true}") + "\n---\n" + Routing("prod", "[api.example.com]", "[edge]"));
        var chain = Assert.Single(Assert.Single(config.GatewayListeners).Chains);
        Assert.Null(chain.Tls);
        Assert.Equal("http.80", chain.Routes!.Name);
        Assert.True(Assert.Single(chain.Routes.VirtualHosts).HttpsRedirect);
    }

    [Fact]
    public void Passthrough_servers_get_a_chain_per_tls_rule_by_sni()
    {
        var routing = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: tls, namespace: prod}
            spec:
              hosts: ["*.backend.test", c.other.test]
              gateways: [edge]
              tls:
              - match: [{sniHosts: [a.backend.test]}]
                route: [{destination: {host: web.prod.svc.cluster.local, port: {number: 8080}}}]
              - match: [{sniHosts: [b.backend.test, c.other.test]}]
                route: [{destination: {host: web.prod.svc.cluster.local, port: {number: 8080}}}]
            """;
        var listener = Assert.Single(Gateway(Server("[\"*.backend.test\"]", 443, "TLS", "{mode: PASSTHROUGH}") + "\n---\n" + routing).GatewayListeners);
        Assert.Equal([["a.backend.test"], ["b.backend.test"]], listener.Chains.Select(c => c.ServerNames));
        Assert.All(listener.Chains, c => Assert.Equal(GatewayTls.Passthrough, c.Tls!.Mode));
        Assert.All(listener.Chains, c => Assert.Equal("outbound|8080||web.prod.svc.cluster.local", Assert.Single(Assert.Single(c.TcpRoutes).Clusters).Cluster));
    }

    [Fact]
    public void Virtual_services_for_one_host_on_a_gateway_are_merged_in_age_order()
    {
        var second = Routing("prod", "[api.example.com]", "[edge]").Replace("vs-prod", "vs-second", StringComparison.Ordinal);
        var config = Gateway(Server("[api.example.com]") + "\n---\n" + Routing("prod", "[api.example.com]", "[edge]") + "\n---\n" + second);
        var host = Assert.Single(config.GatewayListeners[0].Chains[0].Routes!.VirtualHosts);
        Assert.Equal(["prod/vs-prod", "prod/vs-second"], host.Routes.Select(r => r.VirtualService));
    }
}
