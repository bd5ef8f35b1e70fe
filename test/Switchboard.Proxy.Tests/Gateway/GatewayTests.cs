using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Switchboard.Proxy.Tests.Gateway;

/// <summary>
/// The gateway role for real: the proxy executable serving Gateway resources, driven from the host by real curl and
/// openssl as an external client would (issue 9). Certificates are made by openssl; credentials are Secrets in the
/// gateway workload's namespace (istio-system) while the Gateway and VirtualServices live in production, as in the seed.
/// Servers: HTTPS on one port for two hosts with their own certificates (chosen by SNI) plus one whose Secret is
/// missing; HTTP with httpsRedirect; MUTUAL; and TLS PASSTHROUGH to two backends that terminate TLS themselves.
/// </summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-gateway-");
    private readonly int _https = Wait.FreePort(), _http = Wait.FreePort(), _mutual = Wait.FreePort(), _passthrough = Wait.FreePort(), _jwt = Wait.FreePort();
    private readonly TestJwt _issuer = new();
    private OpenSslPki _pki = null!;
    private TestUpstream _v1 = null!, _v2 = null!, _backendA = null!, _backendB = null!;
    private GatewayProcess _gateway = null!;

    private string Config => Path.Combine(_dir.FullName, "config");

    public async Task InitializeAsync()
    {
        _pki = new OpenSslPki(Directory.CreateDirectory(Path.Combine(_dir.FullName, "pki")).FullName);
        await _pki.CaAsync("edge-ca");
        await _pki.CaAsync("other-ca");
        await _pki.CaAsync("backend-ca");
        await _pki.IssueAsync("edge-ca", "api", "api.example.com");
        await _pki.IssueAsync("edge-ca", "www", "www.example.com");
        await _pki.IssueAsync("edge-ca", "partner", "partner.example.com");
        await _pki.IssueAsync("edge-ca", "optional", "optional.example.com");
        await _pki.IssueAsync("edge-ca", "files", "files.example.com");
        await _pki.IssueAsync("edge-ca", "client", "client.example.com", client: true);
        await _pki.IssueAsync("other-ca", "stranger", "client.example.com", client: true);
        await _pki.IssueAsync("backend-ca", "backend-a", "a.backend.test");
        await _pki.IssueAsync("backend-ca", "backend-b", "b.backend.test");
        _v1 = await TestUpstream.StartAsync("payment-v1");
        _v2 = await TestUpstream.StartAsync("payment-v2");
        _backendA = await TestUpstream.StartAsync("backend-a", X509Certificate2.CreateFromPemFile(_pki.PathOf("backend-a.crt"), _pki.PathOf("backend-a.key")), requireClientCertificate: false);
        _backendB = await TestUpstream.StartAsync("backend-b", X509Certificate2.CreateFromPemFile(_pki.PathOf("backend-b.crt"), _pki.PathOf("backend-b.key")), requireClientCertificate: false);
        Directory.CreateDirectory(Config);
        await File.WriteAllTextAsync(Path.Combine(Config, "mesh.yaml"), Mesh());
        await File.WriteAllTextAsync(Path.Combine(Config, "secrets.yaml"), Secrets("api"));
        await File.WriteAllTextAsync(Path.Combine(Config, "gateway.yaml"), GatewayYaml());
        _gateway = await GatewayProcess.StartAsync(Config, "istio-system/ingress", [_https, _http, _mutual, _passthrough, _jwt]);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var upstream in new[] { _v1, _v2, _backendA, _backendB }) await upstream.DisposeAsync();
        _dir.Delete(recursive: true);
        _issuer.Dispose();
    }

    [Fact]
    public async Task Https_through_the_gateway_follows_the_canary_split_and_the_beta_header()
    {
        // 200 requests on one connection (curl reuses it); Binomial(200, 0.05) has mean 10 and sd 3.1: 1..24 is over 4 sd both ways.
        var urls = Enumerable.Repeat($"https://api.example.com:{_https}/api/v1/charge", 200);
        var split = await EdgeClient.Curl(["--resolve", $"api.example.com:{_https}:127.0.0.1", "--cacert", _pki.PathOf("edge-ca.crt"), "-w", "\n", .. urls]);
        var answers = split.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(200, answers.Length);
        var v2 = answers.Count(a => a == "payment-v2");
        Assert.Equal(200, answers.Count(a => a == "payment-v1") + v2);
        Assert.InRange(v2, 1, 24);

        var beta = await EdgeClient.Curl(["--resolve", $"api.example.com:{_https}:127.0.0.1", "--cacert", _pki.PathOf("edge-ca.crt"), "-H", "x-beta-user: true",
            "-w", "\n", .. Enumerable.Repeat($"https://api.example.com:{_https}/", 20)]);
        Assert.Equal(Enumerable.Repeat("payment-v2", 20), beta.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // The backend learns who called and how: the client's address and https.
        Assert.Equal("https", _v2.Last!.Headers["x-forwarded-proto"]);
        Assert.Equal("127.0.0.1", _v2.Last.Headers["x-forwarded-for"]);

        // HTTP/2 by ALPN, as browsers and curl use it; the backend still learns the real client address (127.0.0.2 here),
        // not that of the internal hop HTTP/2 takes inside the gateway.
        var h2 = await EdgeClient.Curl(["--interface", "127.0.0.2", "--resolve", $"api.example.com:{_https}:127.0.0.1", "--cacert", _pki.PathOf("edge-ca.crt"),
            "-H", "x-beta-user: true", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", $"https://api.example.com:{_https}/"]);
        Assert.Equal("2 200", h2.Output);
        Assert.Equal("127.0.0.2", _v2.Last!.Headers["x-forwarded-for"]);
    }

    [Fact]
    public async Task Each_host_on_one_port_gets_its_own_certificate_by_sni()
    {
        Assert.Contains("CN = api.example.com", await EdgeClient.PeerCertificate(_https, "api.example.com"));
        Assert.Contains("CN = www.example.com", await EdgeClient.PeerCertificate(_https, "www.example.com"));
        var www = await EdgeClient.Curl(["--resolve", $"www.example.com:{_https}:127.0.0.1", "--cacert", _pki.PathOf("edge-ca.crt"), $"https://www.example.com:{_https}/"]);
        Assert.Equal("payment-v1", www.Output);
        // www asks for TLS 1.3 at least; api keeps Istio's default minimum, TLS 1.2.
        string[] tls12 = ["--tlsv1.2", "--tls-max", "1.2", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", _pki.PathOf("edge-ca.crt")];
        Assert.NotEqual(0, (await EdgeClient.Curl([.. tls12, "--resolve", $"www.example.com:{_https}:127.0.0.1", $"https://www.example.com:{_https}/"])).ExitCode);
        Assert.Equal("200", (await EdgeClient.Curl([.. tls12, "--resolve", $"api.example.com:{_https}:127.0.0.1", $"https://api.example.com:{_https}/"])).Output);
        // A name no server takes gets no handshake at all (curl: SSL connect error), never another host's certificate.
        var unknown = await EdgeClient.Curl(["--resolve", $"nobody.example.com:{_https}:127.0.0.1", "-k", $"https://nobody.example.com:{_https}/"]);
        Assert.NotEqual(0, unknown.ExitCode);
    }

    [Fact]
    public async Task Http_is_redirected_to_https_and_an_unknown_host_is_404_NR()
    {
        var redirect = await EdgeClient.Curl(["-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "-H", "Host: api.example.com", $"http://127.0.0.1:{_http}/pay?x=1"]);
        Assert.Equal("301 https://api.example.com/pay?x=1", redirect.Output);
        var unknown = await EdgeClient.Curl(["-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: nobody.example.com", $"http://127.0.0.1:{_http}/"]);
        Assert.Equal("404", unknown.Output);
        Assert.True(await Wait.Until(() => Task.FromResult(_gateway.AccessLog.Any(l => l.Contains("\"GET / HTTP/1.1\" 404 NR", StringComparison.Ordinal) && l.Contains("nobody.example.com", StringComparison.Ordinal)))),
            "no 404 NR line in the access log:\n" + string.Join("\n", _gateway.AccessLog));
    }

    [Fact]
    public async Task Mutual_tls_refuses_clients_without_a_certificate_from_its_ca()
    {
        string[] common = ["--resolve", $"partner.example.com:{_mutual}:127.0.0.1", "--cacert", _pki.PathOf("edge-ca.crt"), "-o", "/dev/null", "-w", "%{http_code}"];
        var url = $"https://partner.example.com:{_mutual}/";
        var without = await EdgeClient.Curl([.. common, url]);
        Assert.NotEqual("200", without.Output);
        Assert.NotEqual(0, without.ExitCode);
        var stranger = await EdgeClient.Curl([.. common, "--cert", _pki.PathOf("stranger.crt"), "--key", _pki.PathOf("stranger.key"), url]);
        Assert.NotEqual("200", stranger.Output);
        var client = await EdgeClient.Curl([.. common, "--cert", _pki.PathOf("client.crt"), "--key", _pki.PathOf("client.key"), url]);
        Assert.Equal("200", client.Output);
    }

    [Fact]
    public async Task Optional_mutual_takes_clients_with_or_without_a_certificate_but_never_a_bad_one()
    {
        string[] common = ["--resolve", $"optional.example.com:{_mutual}:127.0.0.1", "--cacert", _pki.PathOf("edge-ca.crt"), "-o", "/dev/null", "-w", "%{http_code}"];
        var url = $"https://optional.example.com:{_mutual}/";
        Assert.Equal("200", (await EdgeClient.Curl([.. common, url])).Output);
        Assert.Equal("200", (await EdgeClient.Curl([.. common, "--cert", _pki.PathOf("client.crt"), "--key", _pki.PathOf("client.key"), url])).Output);
        Assert.NotEqual("200", (await EdgeClient.Curl([.. common, "--cert", _pki.PathOf("stranger.crt"), "--key", _pki.PathOf("stranger.key"), url])).Output);
    }

    [Fact]
    public async Task A_server_may_name_certificate_files_instead_of_a_secret()
    {
        Assert.Contains("CN = files.example.com", await EdgeClient.PeerCertificate(_mutual, "files.example.com"));
        var answer = await EdgeClient.Curl(["--resolve", $"files.example.com:{_mutual}:127.0.0.1", "--cacert", _pki.PathOf("edge-ca.crt"), $"https://files.example.com:{_mutual}/"]);
        Assert.StartsWith("payment-v", answer.Output);
    }

    [Fact]
    public async Task Passthrough_forwards_the_clients_own_tls_to_the_backend_its_sni_names()
    {
        foreach (var (host, backend) in new[] { ("a.backend.test", "backend-a"), ("b.backend.test", "backend-b") })
        {
            // The backend's own certificate (backend-ca) reaches the client: the gateway never terminated this TLS.
            var answer = await EdgeClient.Curl(["--resolve", $"{host}:{_passthrough}:127.0.0.1", "--cacert", _pki.PathOf("backend-ca.crt"), $"https://{host}:{_passthrough}/"]);
            Assert.Equal(backend, answer.Output);
        }
        Assert.Contains("CN = a.backend.test", await EdgeClient.PeerCertificate(_passthrough, "a.backend.test"));
    }

    [Fact]
    public async Task A_replaced_certificate_is_served_to_new_connections_without_a_restart()
    {
        var before = await EdgeClient.PeerCertificate(_https, "api.example.com");
        Assert.Contains("CN = api.example.com", before);
        await _pki.IssueAsync("edge-ca", "api-renewed", "api.example.com");
        var serial = (await EdgeClient.RunAsync("openssl", ["x509", "-noout", "-serial", "-in", _pki.PathOf("api-renewed.crt")])).Output.Trim();
        var pid = _gateway.ProcessId;
        await File.WriteAllTextAsync(Path.Combine(Config, "secrets.yaml"), Secrets("api-renewed"));
        Assert.True(await Wait.Until(async () => (await EdgeClient.PeerCertificate(_https, "api.example.com")).Contains(serial, StringComparison.Ordinal)),
            $"the gateway still serves {before}, not {serial}");
        Assert.Equal(pid, _gateway.ProcessId);
        var after = await EdgeClient.Curl(["--resolve", $"api.example.com:{_https}:127.0.0.1", "--cacert", _pki.PathOf("edge-ca.crt"), $"https://api.example.com:{_https}/"]);
        Assert.Equal(0, after.ExitCode);
    }

    [Fact]
    public async Task A_missing_credential_is_explained_on_the_certs_page()
    {
        // broken.example.com names a Secret that exists only in production, not in the gateway's namespace.
        var handshake = await EdgeClient.Curl(["--resolve", $"broken.example.com:{_https}:127.0.0.1", "-k", $"https://broken.example.com:{_https}/"]);
        Assert.NotEqual(0, handshake.ExitCode);
        // Credentials load in the background after a config arrives: poll until both have settled.
        var error = new Regex("\"name\":\"istio-system/wrong-namespace-cert\",\"version\":\"absent\",\"state\":\"ERROR\",\"error\":\"[^\"]*not found");
        var active = new Regex("\"name\":\"istio-system/api-cert\",\"version\":\"[0-9a-f]+\",\"state\":\"ACTIVE\"");
        var certs = await EdgeClient.Curl([$"http://127.0.0.1:{_gateway.Admin}/certs"]);
        Assert.True(await Wait.Until(async () =>
        {
            certs = await EdgeClient.Curl([$"http://127.0.0.1:{_gateway.Admin}/certs"]);
            return error.IsMatch(certs.Output) && active.IsMatch(certs.Output);
        }), certs.Output);
        Assert.DoesNotContain("PRIVATE KEY", certs.Output);
    }

    [Fact]
    public async Task The_gateway_verifies_the_jwt_and_routes_on_its_claims()
    {
        // Issue 6's claim routes, at the edge: the gateway's RequestAuthentication verifies the token, then routes read its claims.
        async Task<string> Get(string? token)
        {
            var answer = await EdgeClient.Curl(["-H", "Host: jwt.example.com", .. token is null ? Array.Empty<string>() : ["-H", $"Authorization: Bearer {token}"], "-w", " %{http_code}", $"http://127.0.0.1:{_jwt}/"]);
            return answer.Output;
        }
        Assert.Equal("payment-v2 200", await Get(_issuer.Token("edge-issuer", new Dictionary<string, object> { ["role"] = "admin" })));
        Assert.Equal("payment-v1 200", await Get(_issuer.Token("edge-issuer", new Dictionary<string, object> { ["role"] = "user" })));
        Assert.Equal("payment-v1 200", await Get(null));
        // A token signed by another key is refused (401), never routed as if its claims were true.
        using var forger = new TestJwt();
        Assert.EndsWith(" 401", await Get(forger.Token("edge-issuer", new Dictionary<string, object> { ["role"] = "admin" })));
        // The backend never sees the token (forwardOriginalToken defaults to false).
        Assert.DoesNotContain("authorization", _v1.Last!.Headers.Keys);
    }

    private string Secrets(string api) => string.Join("\n---\n",
        _pki.Secret("istio-system", "api-cert", api),
        _pki.Secret("istio-system", "www-cert", "www"),
        _pki.Secret("istio-system", "partner-cert", "partner", ca: "edge-ca"),
        _pki.Secret("istio-system", "optional-cert", "optional", ca: "edge-ca"),
        _pki.Secret("production", "wrong-namespace-cert", "www"));

    private string Mesh() => $$$"""
        apiVersion: v1
        kind: Namespace
        metadata: {name: production}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: istio-system}
        ---
        {{{PaymentMesh.Workloads(_v1.Port, _v2.Port)}}}
        ---
        {{{PaymentMesh.Subsets}}}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: ingress, namespace: istio-system}
        spec: {address: 127.0.0.1, labels: {istio: ingressgateway}, serviceAccount: istio-ingressgateway-service-account}
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: backends, namespace: production}
        spec:
          hosts: [a.backend.test]
          ports: [{number: 443, name: tls, protocol: TLS}]
          resolution: STATIC
          endpoints: [{address: 127.0.0.1, ports: {tls: {{{_backendA.Port}}}}}]
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: backend-b, namespace: production}
        spec:
          hosts: [b.backend.test]
          ports: [{number: 443, name: tls, protocol: TLS}]
          resolution: STATIC
          endpoints: [{address: 127.0.0.1, ports: {tls: {{{_backendB.Port}}}}}]
        """;

    private string GatewayYaml() => $$$"""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: payment-gateway, namespace: production}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: {{{_https}}}, name: https-api, protocol: HTTPS}
            tls: {mode: SIMPLE, credentialName: api-cert}
            hosts: [api.example.com]
          - port: {number: {{{_https}}}, name: https-www, protocol: HTTPS}
            tls: {mode: SIMPLE, credentialName: www-cert, minProtocolVersion: TLSV1_3}
            hosts: [www.example.com]
          - port: {number: {{{_https}}}, name: https-broken, protocol: HTTPS}
            tls: {mode: SIMPLE, credentialName: wrong-namespace-cert}
            hosts: [broken.example.com]
          - port: {number: {{{_http}}}, name: http, protocol: HTTP}
            tls: {httpsRedirect: true}
            hosts: ["*"]
          - port: {number: {{{_mutual}}}, name: https-partner, protocol: HTTPS}
            tls: {mode: MUTUAL, credentialName: partner-cert}
            hosts: [partner.example.com]
          - port: {number: {{{_mutual}}}, name: https-optional, protocol: HTTPS}
            tls: {mode: OPTIONAL_MUTUAL, credentialName: optional-cert}
            hosts: [optional.example.com]
          - port: {number: {{{_mutual}}}, name: https-files, protocol: HTTPS}
            tls:
              mode: SIMPLE
              serverCertificate: {{{_pki.PathOf("files.crt")}}}
              privateKey: {{{_pki.PathOf("files.key")}}}
            hosts: [files.example.com]
          - port: {number: {{{_passthrough}}}, name: tls-backends, protocol: TLS}
            tls: {mode: PASSTHROUGH}
            hosts: ["*.backend.test"]
          - port: {number: {{{_jwt}}}, name: http-jwt, protocol: HTTP}
            hosts: [jwt.example.com]
        ---
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: edge-jwt, namespace: istio-system}
        spec:
          selector:
            matchLabels: {istio: ingressgateway}
          jwtRules:
          - issuer: edge-issuer
            jwks: '{{{_issuer.Jwks}}}'
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: jwt-routing, namespace: production}
        spec:
          hosts: [jwt.example.com]
          gateways: [payment-gateway]
          http:
          - match:
            - headers:
                "@request.auth.claims.role": {exact: admin}
            route:
            - destination: {host: payment-service, subset: canary}
          - route:
            - destination: {host: payment-service, subset: stable}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: payment-external-routing, namespace: production}
        spec:
          hosts: [api.example.com, www.example.com, partner.example.com, broken.example.com, optional.example.com, files.example.com]
          gateways: [payment-gateway]
          http:
          - match:
            - headers:
                x-beta-user: {exact: "true"}
            route: [{destination: {host: payment-service, subset: canary}}]
          - match: [{authority: {prefix: www.example.com}}]
            route: [{destination: {host: payment-service, subset: stable}}]
          - route:
            - {destination: {host: payment-service, subset: stable}, weight: 95}
            - {destination: {host: payment-service, subset: canary}, weight: 5}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: backends, namespace: production}
        spec:
          hosts: [a.backend.test, b.backend.test]
          gateways: [payment-gateway]
          tls:
          - match: [{sniHosts: [a.backend.test]}]
            route:
            - destination:
                host: a.backend.test
                port: {number: 443}
          - match: [{sniHosts: [b.backend.test]}]
            route:
            - destination:
                host: b.backend.test
                port: {number: 443}
        """;
}
