using System.Net;
using Switchboard.Config.Loading;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Up;

namespace Switchboard.Runtime.Tests.Up;

/// <summary>Which Deployments are gateways, and which of their Service ports <c>sbctl up</c> exposes on the host's loopback.</summary>
public sealed class GatewayExposureTests
{
    private const string Yaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: istio-ingressgateway, namespace: istio-system}
        spec:
          replicas: 2
          selector: {matchLabels: {istio: ingressgateway}}
          template:
            metadata: {labels: {istio: ingressgateway}}
            spec:
              containers:
              - name: istio-proxy
                image: docker.io/istio/proxyv2
                args: [proxy, router]
                ports: [{containerPort: 8080}, {containerPort: 8443}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: istio-ingressgateway, namespace: istio-system}
        spec:
          selector: {istio: ingressgateway}
          ports: [{name: http2, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}, {name: tls, port: 15443}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: web, ports: [{containerPort: 8080}]}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: 8080}]
        """;

    [Fact]
    public void Gateway_pods_run_no_app_and_only_their_services_are_exposed_on_loopback()
    {
        var resources = new ConfigLoader().LoadText(Yaml, "mesh.yaml").Resources;
        var pods = PodPlan.Pods(resources, new NetworkLayout(), ["sample"], new Random(1));
        var gateways = pods.Where(p => p.IsGateway).ToList();
        Assert.Equal(2, gateways.Count);
        Assert.All(gateways, g => Assert.Empty(g.Containers));
        Assert.All(gateways, g => Assert.Equal([8080, 8443], g.GatewayPorts!));
        Assert.False(Assert.Single(pods, p => p.Owner == "web").IsGateway);

        var plan = GatewayExposurePlan.Plan(resources, pods);
        Assert.Equal([(80, 8080), (443, 8443), (15443, 15443)], plan.Select(e => (e.ServicePort, e.HostPort)));
        Assert.Equal(gateways.Select(g => new IPEndPoint(g.Address, 8443)), plan[1].Targets);
        Assert.DoesNotContain(plan, e => e.Service == "shop/web");
    }

    [Theory]
    [InlineData("command: [switchboard, proxy, gateway]", true)]
    [InlineData("args: [proxy, router]", true)]
    [InlineData("args: [proxy, sidecar]", false)]
    [InlineData("command: [python3, -m, http.server]", false)]
    public void A_gateway_is_known_by_its_proxy_command(string command, bool gateway)
    {
        var yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: g, namespace: n}
            spec:
              selector: {matchLabels: {app: g}}
              template:
                metadata: {labels: {app: g}}
                spec:
                  containers:
                  - name: c
                    COMMAND
            """.Replace("COMMAND", command, StringComparison.Ordinal);
        var pods = PodPlan.Pods(new ConfigLoader().LoadText(yaml, "mesh.yaml").Resources, new NetworkLayout(), ["sample"], new Random(1));
        Assert.Equal(gateway, Assert.Single(pods).IsGateway);
    }
}
