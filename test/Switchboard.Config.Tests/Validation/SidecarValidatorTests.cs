using Switchboard.Config.Source;
using static Switchboard.Config.Tests.TestSupport.ConfigYaml;

namespace Switchboard.Config.Tests.Validation;

public class SidecarValidatorTests
{
    private static string Sc(string spec) => Doc("networking.istio.io/v1", "Sidecar", spec, ns: "prod");

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "empty sidecar", """
            # <- spec
            workloadSelector:
              labels: {app: reviews}
            """, "spec" },
        { "egress host without namespace", """
            egress:
            - hosts:
              - reviews.prod.svc.cluster.local # <-
            """, "spec.egress[0].hosts[0]" },
        { "egress host short name", """
            egress:
            - hosts:
              - prod/reviews # <-
            """, "spec.egress[0].hosts[0]" },
        { "egress invalid namespace", """
            egress:
            - hosts:
              - Prod_NS/* # <-
            """, "spec.egress[0].hosts[0]" },
        { "egress without hosts", """
            egress:
            - port: {number: 8080, protocol: HTTP, name: http} # <-
            """, "spec.egress[0].hosts is required" },
        { "two catch-all egress listeners", """
            egress:
            - hosts: ["./*"] # <-
            - hosts: ["istio-system/*"]
            """, "spec.egress[0]" },
        { "duplicate egress port", """
            egress:
            - port: {number: 8080, protocol: HTTP, name: http}
              hosts: ["./*"]
            - port:
                number: 8080 # <-
                protocol: HTTP
                name: http2
              hosts: ["istio-system/*"]
            """, "spec.egress[1].port.number" },
        { "egress port 0 without unix bind", """
            egress:
            - port:
                number: 0 # <-
                protocol: HTTP
              hosts: ["./*"]
            """, "spec.egress[0].port.number" },
        { "ingress without port", """
            ingress:
            - defaultEndpoint: 127.0.0.1:8080 # <-
            """, "spec.ingress[0].port is required" },
        { "ingress bad default endpoint", """
            ingress:
            - port: {number: 9080, protocol: HTTP, name: http}
              defaultEndpoint: 10.0.0.1:8080 # <-
            """, "spec.ingress[0].defaultEndpoint" },
        { "ingress protocol", """
            ingress:
            - port:
                number: 9080
                protocol: SPDY # <-
                name: http
              defaultEndpoint: 127.0.0.1:8080
            """, "spec.ingress[0].port.protocol" },
        { "ingress istio mutual", """
            ingress:
            - port: {number: 9443, protocol: HTTPS, name: https}
              defaultEndpoint: 127.0.0.1:8443
              tls:
                mode: ISTIO_MUTUAL # <-
            """, "spec.ingress[0].tls.mode" },
        { "ingress tls without certificates", """
            ingress:
            - port: {number: 9443, protocol: HTTPS, name: https}
              defaultEndpoint: 127.0.0.1:8443
              tls: # <-
                mode: SIMPLE
            """, "spec.ingress[0].tls.serverCertificate" },
        { "inbound pool negative", """
            inboundConnectionPool:
              http:
                maxRetries: -1 # <-
            """, "spec.inboundConnectionPool.http.maxRetries" },
        { "egress proxy without allow any", """
            outboundTrafficPolicy:
              mode: REGISTRY_ONLY
              egressProxy: # <-
                host: proxy.example.com
                port: {number: 3128}
            """, "spec.outboundTrafficPolicy.egressProxy" },
        { "selector with wildcard", """
            workloadSelector:
              labels:
                app: "*" # <-
            egress:
            - hosts: ["./*"]
            """, "spec.workloadSelector.labels[app]" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects(string name, string spec, string path)
    {
        _ = name;
        AssertReported(Sc(spec), path);
    }

    public static TheoryData<string, string> Valid => new()
    {
        { "namespace-wide egress", """
            egress:
            - hosts: ["./*", "istio-system/*", "~/*"]
            """ },
        { "exclusion namespace", """
            egress:
            - hosts: ["*/*", "~legacy/*"]
            """ },
        { "outbound only", """
            outboundTrafficPolicy: {mode: REGISTRY_ONLY}
            """ },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Accepts(string name, string spec)
    {
        _ = name;
        AssertClean(Sc(spec));
    }

    [Fact]
    public void Empty_selector_is_a_warning()
    {
        AssertReported(Sc("""
            workloadSelector:
              labels: {} # <-
            egress:
            - hosts: ["./*"]
            """), "spec.workloadSelector.labels", ProblemKind.SchemaWarning);
    }

    [Fact]
    public void CompleteExample_LoadsClean()
    {
        AssertClean(Sc("""
            workloadSelector:
              labels: {app: ratings, version: v1}
            ingress:
            - port: {number: 9080, protocol: HTTP, name: http}
              bind: 0.0.0.0
              captureMode: IPTABLES
              defaultEndpoint: 127.0.0.1:8080
              connectionPool:
                http: {http1MaxPendingRequests: 100, idleTimeout: 30s}
            - port: {number: 9443, protocol: HTTPS, name: https}
              defaultEndpoint: unix:///var/run/ratings.sock
              tls:
                mode: SIMPLE
                serverCertificate: /etc/certs/cert.pem
                privateKey: /etc/certs/key.pem
                minProtocolVersion: TLSV1_2
            egress:
            - port: {number: 3306, protocol: MYSQL, name: mysql}
              bind: 127.0.0.1
              captureMode: NONE
              hosts: ["*/mysql.db.svc.cluster.local"]
            - port: {number: 0, protocol: HTTP, name: uds}
              bind: unix:///var/run/egress.sock
              captureMode: DEFAULT
              hosts: ["istio-system/*"]
            - hosts: ["./*", "istio-system/*", "~legacy/*"]
            inboundConnectionPool:
              tcp: {maxConnections: 500, connectTimeout: 5s}
              http: {http2MaxRequests: 1000}
            outboundTrafficPolicy:
              mode: ALLOW_ANY
              egressProxy:
                host: egress-proxy.istio-system.svc.cluster.local
                subset: v1
                port: {number: 3128}
            """));
    }
}
