using static Switchboard.Config.Tests.TestSupport.ConfigYaml;

namespace Switchboard.Config.Tests.Validation;

public class GatewayValidatorTests
{
    private static string Gw(string spec) => Doc("networking.istio.io/v1", "Gateway", spec, ns: "istio-system");

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "no servers", """
            # <- spec
            selector: {istio: ingressgateway}
            """, "spec.servers" },
        { "port number zero", """
            servers:
            - port:
                number: 0 # <-
                name: http
                protocol: HTTP
              hosts: ["*"]
            """, "spec.servers[0].port.number" },
        { "unknown protocol", """
            servers:
            - port:
                number: 80
                name: http
                protocol: QUIC # <-
              hosts: ["*"]
            """, "spec.servers[0].port.protocol" },
        { "port name missing", """
            servers:
            - port: # <-
                number: 80
                protocol: HTTP
              hosts: ["*"]
            """, "spec.servers[0].port" },
        { "targetPort set", """
            servers:
            - port:
                number: 80
                name: http
                protocol: HTTP
                targetPort: 8080 # <-
              hosts: ["*"]
            """, "spec.servers[0].port.targetPort" },
        { "no hosts", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP} # <-
            """, "spec.servers[0].hosts" },
        { "short host name", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
              hosts:
              - reviews # <-
            """, "spec.servers[0].hosts[0]" },
        { "invalid namespace in host", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
              hosts:
              - Prod_NS/api.example.com # <-
            """, "spec.servers[0].hosts[0]" },
        { "partial wildcard host", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
              hosts:
              - "api*.example.com" # <-
            """, "spec.servers[0].hosts[0]" },
        { "duplicate port names", """
            servers:
            - port: {number: 80, name: web, protocol: HTTP}
              hosts: ["*"]
            - port: {number: 8080, name: web, protocol: HTTP} # <-
              hosts: ["*"]
              name: second
            """, "spec.servers[1].port.name" },
        { "duplicate server names", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
              hosts: ["*"]
              name: public
            - port: {number: 8080, name: http-alt, protocol: HTTP}
              hosts: ["*"]
              name: public # <-
            """, "spec.servers[1].name" },
        { "https without tls", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS} # <-
              hosts: ["*"]
            """, "spec.servers[0]" },
        { "simple tls without certificate", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: ["*"]
              tls: # <-
                mode: SIMPLE
            """, "spec.servers[0].tls.serverCertificate" },
        { "mutual without ca", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: ["*"]
              tls: # <-
                mode: MUTUAL
                serverCertificate: /etc/certs/cert.pem
                privateKey: /etc/certs/key.pem
            """, "spec.servers[0].tls.caCertificates" },
        { "istio mutual with credential", """
            servers:
            - port: {number: 15443, name: tls, protocol: TLS}
              hosts: ["*"]
              tls:
                mode: ISTIO_MUTUAL
                credentialName: my-cert # <-
            """, "spec.servers[0].tls.credentialName" },
        { "crl with credentialName", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: ["*"]
              tls:
                mode: MUTUAL
                credentialName: my-cert
                caCrl: /etc/certs/crl.pem # <-
            """, "spec.servers[0].tls.caCrl" },
        { "min version above max", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: ["*"]
              tls:
                mode: SIMPLE
                credentialName: my-cert
                minProtocolVersion: TLSV1_3 # <-
                maxProtocolVersion: TLSV1_2
            """, "spec.servers[0].tls.minProtocolVersion" },
        { "tls on a tcp server", """
            servers:
            - port: {number: 9000, name: tcp, protocol: TCP}
              hosts: ["*"]
              tls: # <-
                mode: SIMPLE
                credentialName: my-cert
            """, "spec.servers[0].tls" },
        { "certificates on a plain http server", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
              hosts: ["*"]
              tls: # <-
                httpsRedirect: true
                credentialName: my-cert
            """, "spec.servers[0].tls" },
        { "bind not an IP", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
              hosts: ["*"]
              bind: localhost # <-
            """, "spec.servers[0].bind" },
        { "unix bind with port", """
            servers:
            - port:
                number: 80 # <-
                name: uds
                protocol: HTTP
              hosts: ["*"]
              bind: unix:///var/run/gw.sock
            """, "spec.servers[0].port.number" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects(string name, string spec, string path)
    {
        _ = name;
        AssertReported(Gw(spec), path);
    }

    public static TheoryData<string, string> Valid => new()
    {
        { "protocol is case-insensitive", """
            servers:
            - port: {number: 80, name: http, protocol: http}
              hosts: ["*"]
            """ },
        { "https redirect on http", """
            servers:
            - port: {number: 80, name: http, protocol: HTTP}
              hosts: ["prod/*", "./api.example.com"]
              tls: {httpsRedirect: true}
            """ },
        { "passthrough TLS", """
            servers:
            - port: {number: 443, name: tls, protocol: TLS}
              hosts: ["*.example.com"]
              tls: {mode: PASSTHROUGH}
            """ },
        { "mutual with credentialName", """
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: ["*/api.example.com"]
              tls: {mode: MUTUAL, credentialName: api-cert}
            """ },
        { "unix socket server", """
            servers:
            - port: {number: 0, name: uds, protocol: HTTP}
              bind: unix:///var/run/gateway.sock
              hosts: ["*"]
            """ },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Accepts(string name, string spec)
    {
        _ = name;
        AssertClean(Gw(spec));
    }

    [Fact]
    public void CompleteExample_LoadsClean()
    {
        AssertClean(Gw("""
            selector:
              istio: ingressgateway
              app.kubernetes.io/name: istio-ingressgateway
            servers:
            - name: http-redirect
              port: {number: 80, name: http, protocol: HTTP}
              hosts: ["prod/*.example.com", "./status.example.com"]
              tls: {httpsRedirect: true}
            - name: https-public
              port: {number: 443, name: https, protocol: HTTPS}
              bind: 0.0.0.0
              hosts: ["*/api.example.com", "10.0.0.10"]
              defaultEndpoint: 127.0.0.1:8080
              tls:
                mode: SIMPLE
                credentialNames: [api-rsa, api-ecdsa]
                minProtocolVersion: TLSV1_2
                maxProtocolVersion: TLSV1_3
                cipherSuites: [ECDHE-ECDSA-AES256-GCM-SHA384, ECDHE-RSA-AES256-GCM-SHA384]
            - name: https-partners
              port: {number: 8443, name: https-partners, protocol: HTTPS}
              hosts: [partners.example.com]
              tls:
                mode: MUTUAL
                serverCertificate: /etc/certs/server.pem
                privateKey: /etc/certs/key.pem
                caCertificates: /etc/certs/ca.pem
                caCrl: /etc/certs/ca.crl
                subjectAltNames: [spiffe://partner.example.com/client]
                verifyCertificateSpki: [Y2VydGlmaWNhdGUgc3BraSBoYXNo]
                verifyCertificateHash: ["9E:D8:3A:1F:00:11"]
                insecureSkipVerify: false
            - name: grpc-internal
              port: {number: 9443, name: grpc-tls, protocol: HTTPS}
              hosts: [grpc.example.com]
              tls:
                mode: OPTIONAL_MUTUAL
                credentialName: grpc-cert
                caCertCredentialName: grpc-client-ca
            - name: inline-certs
              port: {number: 10443, name: https-inline, protocol: HTTPS}
              hosts: [inline.example.com]
              tls:
                mode: SIMPLE
                tlsCertificates:
                - {serverCertificate: /etc/certs/rsa.pem, privateKey: /etc/certs/rsa.key}
                - {serverCertificate: /etc/certs/ec.pem, privateKey: /etc/certs/ec.key, caCertificates: /etc/certs/ca.pem}
            - name: east-west
              port: {number: 15443, name: tls-ew, protocol: TLS}
              hosts: ["*.local"]
              tls: {mode: AUTO_PASSTHROUGH}
            - name: mesh-internal
              port: {number: 15012, name: tls-istiod, protocol: TLS}
              hosts: ["*"]
              tls: {mode: ISTIO_MUTUAL}
            - name: mongo
              port: {number: 27017, name: mongo, protocol: MONGO}
              hosts: ["db/*"]
            """));
    }
}
