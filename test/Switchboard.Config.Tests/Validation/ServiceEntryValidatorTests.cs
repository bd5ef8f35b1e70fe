using static Switchboard.Config.Tests.TestSupport.ConfigYaml;

namespace Switchboard.Config.Tests.Validation;

public class ServiceEntryValidatorTests
{
    private static string Se(string spec) => Doc("networking.istio.io/v1", "ServiceEntry", spec);

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "no hosts", """
            # <- spec
            ports: [{number: 443, name: https, protocol: HTTPS}]
            """, "spec.hosts" },
        { "star host", """
            hosts:
            - "*" # <-
            ports: [{number: 443, name: https, protocol: HTTPS}]
            """, "spec.hosts[0]" },
        { "invalid host", """
            hosts:
            - api..example.com # <-
            ports: [{number: 443, name: https, protocol: HTTPS}]
            """, "spec.hosts[0]" },
        { "no ports", """
            # <- spec
            hosts: [api.example.com]
            """, "spec.ports" },
        { "port number out of range", """
            hosts: [api.example.com]
            ports:
            - number: 0 # <-
              name: https
              protocol: HTTPS
            """, "spec.ports[0].number" },
        { "port name missing", """
            hosts: [api.example.com]
            ports:
            - number: 443 # <-
              protocol: HTTPS
            """, "spec.ports[0]" },
        { "duplicate port names", """
            hosts: [api.example.com]
            ports:
            - {number: 443, name: https, protocol: HTTPS}
            - number: 8443
              name: https # <-
              protocol: HTTPS
            """, "spec.ports[1].name" },
        { "duplicate port numbers", """
            hosts: [api.example.com]
            ports:
            - {number: 443, name: https, protocol: HTTPS}
            - number: 443 # <-
              name: tls
              protocol: TLS
            """, "spec.ports[1].number" },
        { "unknown protocol", """
            hosts: [api.example.com]
            ports:
            - number: 443
              name: https
              protocol: HTTP3 # <-
            """, "spec.ports[0].protocol" },
        { "invalid address", """
            hosts: [api.example.com]
            addresses:
            - 300.1.1.1 # <-
            ports: [{number: 443, name: https, protocol: HTTPS}]
            """, "spec.addresses[0]" },
        { "cidr with dns resolution", """
            hosts: [api.example.com]
            addresses:
            - 10.0.0.0/24 # <-
            ports: [{number: 443, name: https, protocol: HTTPS}]
            resolution: DNS
            """, "spec.addresses[0]" },
        { "static without endpoints", """
            hosts: [api.example.com]
            ports: [{number: 443, name: https, protocol: HTTPS}]
            resolution: STATIC # <-
            """, "spec.resolution" },
        { "static endpoint without address", """
            hosts: [api.example.com]
            ports: [{number: 443, name: https, protocol: HTTPS}]
            resolution: STATIC
            endpoints:
            - labels: {app: api} # <-
            """, "spec.endpoints[0]" },
        { "static endpoint with host name", """
            hosts: [api.example.com]
            ports: [{number: 443, name: https, protocol: HTTPS}]
            resolution: STATIC
            endpoints:
            - address: api.internal # <-
            """, "spec.endpoints[0].address" },
        { "endpoint port not defined", """
            hosts: [api.example.com]
            ports: [{number: 443, name: https, protocol: HTTPS}]
            resolution: STATIC
            endpoints:
            - address: 10.0.0.1
              ports:
                grpc: 9090 # <-
            """, "spec.endpoints[0].ports[grpc]" },
        { "endpoints with resolution none", """
            hosts: [api.example.com]
            ports: [{number: 443, name: https, protocol: HTTPS}]
            endpoints: # <-
            - address: 10.0.0.1
            """, "spec.endpoints" },
        { "endpoints and workloadSelector", """
            hosts: [api.example.com]
            ports: [{number: 443, name: https, protocol: HTTPS}]
            location: MESH_INTERNAL
            resolution: STATIC
            endpoints:
            - address: 10.0.0.1
            workloadSelector: # <-
              labels: {app: api}
            """, "spec.workloadSelector" },
        { "workloadSelector outside the mesh", """
            hosts: [api.example.com]
            ports: [{number: 443, name: https, protocol: HTTPS}]
            resolution: STATIC
            workloadSelector: # <-
              labels: {app: api}
            """, "spec.workloadSelector" },
        { "dns round robin with two endpoints", """
            hosts: [api.example.com]
            ports: [{number: 443, name: https, protocol: HTTPS}]
            resolution: DNS_ROUND_ROBIN
            endpoints: # <-
            - address: a.example.com
            - address: b.example.com
            """, "spec.endpoints" },
        { "wildcard with dns and no endpoints", """
            hosts:
            - "*.example.com" # <-
            ports: [{number: 443, name: https, protocol: HTTPS}]
            resolution: DNS
            """, "spec.hosts[0]" },
        { "several hosts on a tcp port", """
            hosts: # <-
            - a.example.com
            - b.example.com
            ports: [{number: 5432, name: tcp, protocol: TCP}]
            resolution: DNS
            """, "spec.hosts" },
        { "exportTo mixing none", """
            hosts: [api.example.com]
            ports: [{number: 443, name: https, protocol: HTTPS}]
            exportTo: # <-
            - "~"
            - "."
            """, "spec.exportTo" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects(string name, string spec, string path)
    {
        _ = name;
        AssertReported(Se(spec), path);
    }

    public static TheoryData<string, string> Valid => new()
    {
        { "external https", """
            hosts: [api.example.com]
            ports: [{number: 443, name: https, protocol: HTTPS}]
            resolution: DNS
            """ },
        { "wildcard with resolution none", """
            hosts: ["*.example.com"]
            ports: [{number: 443, name: tls, protocol: TLS}]
            """ },
        { "internal with workloadSelector", """
            hosts: [vm.prod.internal]
            ports: [{number: 8080, name: http, protocol: HTTP}]
            location: MESH_INTERNAL
            resolution: STATIC
            workloadSelector:
              labels: {app: vm-service}
            """ },
        { "hidden from everyone", """
            hosts: [api.example.com]
            ports: [{number: 443, name: https, protocol: HTTPS}]
            exportTo: ["~"]
            """ },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Accepts(string name, string spec)
    {
        _ = name;
        AssertClean(Se(spec));
    }

    [Theory]
    [InlineData(256, false)]
    [InlineData(257, true)]
    public void Hosts_are_limited_to_256(int count, bool rejected)
    {
        var hosts = string.Concat(Enumerable.Range(1, count).Select(h => $"\n- h{h}.example.com"));
        var yaml = Se($"ports: [{{number: 443, name: https, protocol: HTTPS}}]\nhosts: # <-{hosts}");
        if (rejected) AssertReported(yaml, "spec.hosts");
        else AssertClean(yaml.Replace(" # <-", "", StringComparison.Ordinal));
    }

    [Fact]
    public void CompleteExample_LoadsClean()
    {
        AssertClean(Se("""
            hosts: [payments.example.com, payments-eu.example.com]
            addresses: [240.0.0.10, 10.20.0.0/16]
            ports:
            - {number: 443, protocol: HTTPS, name: https, targetPort: 8443}
            - {number: 80, protocol: HTTP, name: http}
            - {number: 9443, protocol: TLS, name: tls}
            location: MESH_EXTERNAL
            resolution: STATIC
            endpoints:
            - address: 10.20.0.5
              ports: {https: 9443, http: 8080}
              labels: {version: v1, region: eu}
              network: network-eu
              locality: eu-west1/zone-a/rack-3
              weight: 80
              serviceAccount: payments
            - address: 10.20.0.6
              weight: 20
            - address: unix:///var/run/payments.sock
            exportTo: [".", istio-system]
            subjectAltNames: ["spiffe://example.com/ns/payments/sa/payments"]
            """));
    }
}
