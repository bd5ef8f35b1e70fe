using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>The authorities a virtual host answers to, as Istio's sidecar route configuration names them.</summary>
public sealed class DomainTests
{
    private const string OtherNamespace = """
        apiVersion: v1
        kind: Service
        metadata: {name: ledger, namespace: finance}
        spec:
          clusterIP: 198.19.0.20
          selector: {app: ledger}
          ports: [{name: http, port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: v6, namespace: finance}
        spec:
          clusterIP: "fd00::20"
          ports: [{name: http, port: 80}]
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: ext, namespace: finance}
        spec:
          hosts: [api.example.com]
          addresses: [240.0.0.9]
          resolution: DNS
          ports: [{number: 80, name: http, protocol: HTTP}]
        """;

    [Fact]
    public void ServiceInTheProxysNamespaceAnswersToItsShortName()
    {
        Assert.Equal(
        [
            "payment-service.production.svc.cluster.local", "payment-service.production.svc.cluster.local:8080",
            "payment-service", "payment-service:8080",
            "payment-service.production", "payment-service.production:8080",
            "payment-service.production.svc", "payment-service.production.svc:8080",
            "198.19.0.7", "198.19.0.7:8080",
        ], Mesh.Translate(Fixtures.Base).Host(Fixtures.PaymentHost + ":8080").Domains);
    }

    [Fact]
    public void ServiceInAnotherNamespaceNeedsItsNamespaceInTheName()
    {
        var config = Mesh.Translate(Fixtures.With(OtherNamespace));
        Assert.Equal(
        [
            "ledger.finance.svc.cluster.local", "ledger.finance.svc.cluster.local:80",
            "ledger.finance", "ledger.finance:80",
            "ledger.finance.svc", "ledger.finance.svc:80",
            "198.19.0.20", "198.19.0.20:80",
        ], config.Host("ledger.finance.svc.cluster.local:80").Domains);
    }

    [Fact]
    public void Ipv6VipIsBracketedBeforeThePort()
    {
        var domains = Mesh.Translate(Fixtures.With(OtherNamespace)).Host("v6.finance.svc.cluster.local:80").Domains;
        Assert.Equal(["fd00::20", "[fd00::20]:80"], domains.TakeLast(2));
    }

    [Fact]
    public void ServiceEntryHostAnswersToItsHostAndAddress()
    {
        Assert.Equal(["api.example.com", "api.example.com:80", "240.0.0.9", "240.0.0.9:80"],
            Mesh.Translate(Fixtures.With(OtherNamespace)).Host("api.example.com:80").Domains);
    }

    [Fact]
    public void ContestedDomainStaysWithTheFirstVirtualHostByName()
    {
        // Both services claim the VIP 198.19.0.7 (a broken config); the domain is given once, to the first by name.
        var clash = """
            apiVersion: v1
            kind: Service
            metadata: {name: another, namespace: production}
            spec:
              clusterIP: 198.19.0.7
              ports: [{name: http, port: 8080}]
            """;
        var table = Mesh.Translate(Fixtures.With(clash)).RouteTables.Single(t => t.Port == 8080);
        Assert.Contains("198.19.0.7", table.VirtualHosts.Single(v => v.Name == "another.production.svc.cluster.local:8080").Domains);
        Assert.DoesNotContain("198.19.0.7", table.VirtualHosts.Single(v => v.Name == Fixtures.PaymentHost + ":8080").Domains);
    }
}
