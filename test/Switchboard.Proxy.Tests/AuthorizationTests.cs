using System.Net;
using System.Text.Json;

namespace Switchboard.Proxy.Tests;

/// <summary>
/// The seed's zero-trust example on real traffic: payment-service accepts POST /api/v1/charge and /refund only from
/// checkout-service's service account (mTLS identity) carrying a JWT whose role claim says so; everyone else gets 403,
/// a bad token 401, a plain-text caller under STRICT nothing. And a DENY on /admin that holds against path tricks.
/// Tokens are minted with <c>sbctl x jwt</c> from an openssl key, whose JWKS the RequestAuthentication carries inline.
/// </summary>
public sealed class AuthorizationTests : IAsyncLifetime
{
    private readonly MeshHarness _mesh = new("sb-authz-");
    private TestUpstream _payment = null!;
    private string _key = "";

    private string PodAddress => $"127.0.0.5:{_payment.Port}";

    public async Task InitializeAsync()
    {
        _payment = await TestUpstream.StartAsync("payment");
        await _mesh.StartControlPlaneAsync();
        _key = Path.Combine(_mesh.Directory, "issuer.pem");
        Assert.Equal(0, (await MeshHarness.Run("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", _key])).ExitCode);
        var jwks = Sbctl("x", "jwt", "--key", _key, "--jwks");
        Assert.True(_mesh.Store.Apply(Mesh("STRICT", jwks), "mesh.yaml").Accepted);
    }

    public async Task DisposeAsync()
    {
        await _mesh.DisposeAsync();
        await _payment.DisposeAsync();
    }

    [Fact]
    public async Task Only_checkout_with_the_right_claim_may_charge()
    {
        await _mesh.StartProxyAsync("production", "payment-service-0", "payment-service", inbound: [IPEndPoint.Parse(PodAddress)]);
        var checkout = await _mesh.StartProxyAsync("production", "checkout-0", "checkout-service-account");
        var fraud = await _mesh.StartProxyAsync("production", "fraud-0", "fraud-detection");
        var processor = Sbctl("x", "jwt", "--key", _key, "--claim", "role=payment-processor");
        var viewer = Sbctl("x", "jwt", "--key", _key, "--claim", "role=viewer");
        const string charge = "http://payment-service.production:8080/api/v1/charge";

        Assert.True(await Wait.Until(async () => await Post(checkout, charge, processor) == HttpStatusCode.OK), "checkout with the right claim was not let through: " + checkout.Proxy.AccessLog);
        Assert.Equal("/api/v1/charge", _payment.Last!.PathAndQuery);
        Assert.False(_payment.Last.Headers.ContainsKey("authorization"), "the token was forwarded (forwardOriginalToken defaults to false)");
        Assert.Equal(HttpStatusCode.OK, await Post(checkout, "http://payment-service.production:8080/api/v1/refund", processor));

        var (status, body) = await Send(checkout, HttpMethod.Post, charge, viewer);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("RBAC: access denied", body);
        Assert.Equal(HttpStatusCode.Forbidden, await Post(checkout, charge, token: null));
        Assert.Equal(HttpStatusCode.Forbidden, await Post(fraud, charge, processor));
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(checkout, HttpMethod.Get, charge, processor)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, await Post(checkout, "http://payment-service.production:8080/api/v1/charge/../../admin", processor));

        // A token that does not verify is a 401, whoever sends it.
        var (badStatus, badBody) = await Send(checkout, HttpMethod.Post, charge, processor[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, badStatus);
        Assert.Equal("Jwt verification fails", badBody);

        // The plain-text caller of the seed's debug pod: refused at the connection (STRICT).
        var curl = await MeshHarness.Run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "-X", "POST", $"http://{PodAddress}/api/v1/charge"]);
        Assert.NotEqual("200", curl.Output);
        Assert.NotEqual("403", curl.Output);
    }

    [Fact]
    public async Task Opaque_tcp_goes_over_mutual_TLS_and_is_authorized_per_connection()
    {
        // A TCP echo "database" beside payment-service, on a port its Service declares tcp.
        using var echo = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        echo.Start();
        var echoPort = ((IPEndPoint)echo.LocalEndpoint).Port;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                System.Net.Sockets.TcpClient client;
                try { client = await echo.AcceptTcpClientAsync(); } catch (Exception) { return; }
                _ = Task.Run(async () => { using (client) await client.GetStream().CopyToAsync(client.GetStream()); });
            }
        });
        Assert.True(_mesh.Store.Apply(Mesh("STRICT", Sbctl("x", "jwt", "--key", _key, "--jwks")) + "\n---\n" + Ledger(echoPort), "mesh.yaml").Accepted);
        var server = await _mesh.StartProxyAsync("production", "payment-service-0", "payment-service",
            inbound: [IPEndPoint.Parse(PodAddress), new IPEndPoint(IPAddress.Parse("127.0.0.5"), echoPort)]);
        var checkout = await _mesh.StartProxyAsync("production", "checkout-0", "checkout-service-account");
        var fraud = await _mesh.StartProxyAsync("production", "fraud-0", "fraud-detection");
        Assert.True(await Wait.Until(async () => await Tunnel(checkout, "ping") == "ping"), "checkout's TCP did not get through: " + checkout.Proxy.AccessLog);
        Assert.Equal("", await Tunnel(fraud, "ping"));

        // Istio's TCP metrics on both reporters: the caller by its certificate on the server, bytes both ways ("ping\n").
        string Metrics(MeshProxy p) => p.Proxy.Direct.GetStringAsync($"http://127.0.0.1:{p.Proxy.MetricsPort}/stats/prometheus").Result;
        Assert.True(await Wait.Until(() => Task.FromResult(System.Text.RegularExpressions.Regex.IsMatch(Metrics(server),
            "istio_tcp_connections_closed_total\\{reporter=\"destination\"[^}]*source_principal=\"cluster.local/ns/production/sa/checkout-service-account\"[^}]*request_protocol=\"tcp\"[^}]*connection_security_policy=\"mutual_tls\"\\} [1-9]"))),
            Metrics(server));
        Assert.Matches("istio_tcp_received_bytes_total\\{reporter=\"destination\"[^}]*checkout-service-account[^}]*\\} ([5-9]|\\d\\d)", Metrics(server));
        Assert.Matches("istio_tcp_sent_bytes_total\\{reporter=\"source\"[^}]*destination_service=\"ledger.production.svc.cluster.local\"[^}]*\\} ([5-9]|\\d\\d)", Metrics(checkout));
        Assert.Matches("istio_tcp_connections_opened_total\\{reporter=\"destination\"[^}]*fraud-detection[^}]*\\} 1", Metrics(server));
    }

    /// <summary>Opens a CONNECT tunnel through the proxy to the ledger service, sends a line, returns what comes back (empty when closed).</summary>
    private static async Task<string> Tunnel(MeshProxy from, string line)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, from.Proxy.OutboundPort);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes("CONNECT ledger.production:5432 HTTP/1.1\r\nHost: ledger.production:5432\r\n\r\n"));
        var reader = new StreamReader(stream);
        var status = await reader.ReadLineAsync();
        if (status is null || !status.Contains(" 200 ", StringComparison.Ordinal)) return $"refused: {status}";
        while (await reader.ReadLineAsync() is { Length: > 0 }) { }
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(line + "\n"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            return await reader.ReadLineAsync(timeout.Token) ?? "";
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            return "";
        }
    }

    private static string Ledger(int port) => $$"""
        apiVersion: v1
        kind: Service
        metadata: { name: ledger, namespace: production }
        spec: { selector: { app: payment-service }, ports: [{ name: tcp-ledger, port: 5432, targetPort: {{port}} }] }
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: { name: ledger-from-checkout, namespace: production }
        spec:
          selector: { matchLabels: { app: payment-service } }
          rules:
          - from: [{ source: { principals: ["cluster.local/ns/production/sa/checkout-service-account"] } }]
            to: [{ operation: { ports: ["{{port}}"] } }]
        """;

    [Fact]
    public async Task A_deny_on_admin_holds_against_path_tricks()
    {
        Assert.True(_mesh.Store.Apply(Mesh("PERMISSIVE", Sbctl("x", "jwt", "--key", _key, "--jwks")) + "\n---\n" + DenyAdmin, "mesh.yaml").Accepted);
        var server = await _mesh.StartProxyAsync("production", "payment-service-0", "payment-service", inbound: [IPEndPoint.Parse(PodAddress)]);
        // Plain text (PERMISSIVE) so real curl sends each raw path as written (--path-as-is).
        async Task<string> Status(string path) =>
            (await MeshHarness.Run("curl", ["-s", "--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", $"http://{PodAddress}{path}"])).Output;
        Assert.True(await Wait.Until(async () => await Status("/public") == "200"), "the workload never served");
        // BASE decodes escaped letters once (%61 is "a"), removes dot segments; /admin;x=y is checked without its parameters.
        foreach (var path in new[] { "/admin", "//admin", "/./admin", "/public/../admin", "/admin/", "/admin;x=y", "/admin?x=1", "/%61dmin", "/%2e/admin" })
            Assert.True(await Status(path) == "403", $"{path} was not denied");
        // Case is kept: /ADMIN is another path, allowed here because the ALLOW policy names it (as in Istio; write
        // both spellings in a DENY if the app treats them alike). What the app sees is what was authorized.
        Assert.Equal("200", await Status("/ADMIN"));
        Assert.Equal("/ADMIN", _payment.Last!.PathAndQuery);
        Assert.Equal("200", await Status("/./public"));
        Assert.Equal("/public", _payment.Last!.PathAndQuery);
        Assert.Equal("400", await Status("/adm%00in"));
        // A dry-run DENY on /public is evaluated and logged, not enforced.
        Assert.Contains("shadow_denied_by[production/dry-deny-public]", server.Proxy.AccessLog.ToString());
        Assert.Contains("rbac_access_denied_matched_policy[production/deny-admin]", server.Proxy.AccessLog.ToString());
    }

    [Fact]
    public async Task A_custom_policy_asks_the_external_authorizer_named_in_mesh_config()
    {
        // The authorizer: allows requests carrying x-allow: yes, answers anything else 403 with its own body and header.
        await using var authorizer = await TestUpstream.StartAsync("ext-authz");
        authorizer.Respond = request => request.Headers.TryGetValue("x-allow", out var allow) && allow == "yes"
            ? (200, "", [new("x-authz-user", "alice")])
            : (403, "denied by ext-authz", [new("x-authz-reason", "no x-allow")]);
        var mesh = Mesh("PERMISSIVE", Sbctl("x", "jwt", "--key", _key, "--jwks")) + "\n---\n" + Custom(authorizer.Port);
        Assert.True(_mesh.Store.Apply(mesh, "mesh.yaml").Accepted);
        await _mesh.StartProxyAsync("production", "payment-service-0", "payment-service", inbound: [IPEndPoint.Parse(PodAddress)]);
        async Task<(string Status, string Output)> Get(params string[] headers)
        {
            var args = new List<string> { "-s", "-i", "--max-time", "5" };
            foreach (var header in headers) args.AddRange(["-H", header]);
            args.Add($"http://{PodAddress}/custom/report");
            var result = await MeshHarness.Run("curl", [.. args]);
            return (result.Output.Split(' ', 3).ElementAtOrDefault(1) ?? "", result.Output);
        }
        Assert.True(await Wait.Until(async () => (await Get("x-allow: yes")).Status == "200"), "the authorizer's allow did not get through: " + (await Get("x-allow: yes")).Output);
        Assert.Equal("alice", _payment.Last!.Headers["x-authz-user"]);
        var denied = await Get("x-allow: no");
        Assert.Equal("403", denied.Status);
        Assert.Contains("denied by ext-authz", denied.Output);
        Assert.Contains("x-authz-reason: no x-allow", denied.Output);
        Assert.True(authorizer.Requests >= 2);
    }

    private static string Custom(int authorizerPort) => $$"""
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: istio, namespace: istio-system }
        data:
          mesh: |
            extensionProviders:
            - name: sample-ext-authz
              envoyExtAuthzHttp:
                service: ext-authz.production.svc.cluster.local
                port: 8000
                includeRequestHeadersInCheck: [x-allow]
                headersToUpstreamOnAllow: [x-authz-user]
                headersToDownstreamOnDeny: [x-authz-reason]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: ext-authz, namespace: production }
        spec: { selector: { app: ext-authz }, ports: [{ name: http, port: 8000, targetPort: {{authorizerPort}} }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: ext-authz-0, namespace: production, labels: { app: ext-authz, sidecar.istio.io/inject: "false" } }
        spec: { containers: [{ name: app, image: ext-authz, ports: [{ containerPort: {{authorizerPort}} }] }] }
        status: { podIP: 127.0.0.1 }
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: { name: report-ext-authz, namespace: production }
        spec:
          selector: { matchLabels: { app: payment-service } }
          action: CUSTOM
          provider: { name: sample-ext-authz }
          rules: [{ to: [{ operation: { paths: ["/custom/*"] } }] }]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: { name: allow-custom-paths, namespace: production }
        spec:
          selector: { matchLabels: { app: payment-service } }
          rules: [{ to: [{ operation: { paths: ["/custom/*"] } }] }]
        """;

    private const string DenyAdmin = """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: { name: dry-deny-public, namespace: production, annotations: { istio.io/dry-run: "true" } }
        spec:
          selector: { matchLabels: { app: payment-service } }
          action: DENY
          rules: [{ to: [{ operation: { paths: ["/public"] } }] }]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: { name: deny-admin, namespace: production }
        spec:
          selector: { matchLabels: { app: payment-service } }
          action: DENY
          rules: [{ to: [{ operation: { paths: ["/admin", "/admin/*"] } }] }]
        """;

    private string Mesh(string mode, string jwks) => $$"""
        apiVersion: v1
        kind: Namespace
        metadata: { name: production, labels: { istio-injection: enabled } }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: payment-service, namespace: production }
        spec: { selector: { app: payment-service }, ports: [{ name: http, port: 8080, targetPort: {{_payment.Port}} }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: payment-service-0, namespace: production, labels: { app: payment-service } }
        spec: { serviceAccountName: payment-service, containers: [{ name: app, image: payment, ports: [{ containerPort: {{_payment.Port}} }] }] }
        status: { podIP: 127.0.0.5 }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: checkout-0, namespace: production, labels: { app: checkout-service } }
        spec: { serviceAccountName: checkout-service-account, containers: [{ name: app, image: checkout }] }
        status: { podIP: 127.0.0.6 }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: fraud-0, namespace: production, labels: { app: fraud-detection } }
        spec: { serviceAccountName: fraud-detection, containers: [{ name: app, image: fraud }] }
        status: { podIP: 127.0.0.7 }
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: { name: payment-namespace-strict-mtls, namespace: production }
        spec: { mtls: { mode: {{mode}} } }
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: { name: payment-service-allow-checkout-only, namespace: production }
        spec:
          selector: { matchLabels: { app: payment-service } }
          action: ALLOW
          rules:
          - from: [{ source: { principals: ["cluster.local/ns/production/sa/checkout-service-account"] } }]
            to: [{ operation: { methods: ["POST"], paths: ["/api/v1/charge", "/api/v1/refund"] } }]
            when: [{ key: "request.auth.claims[role]", values: ["payment-processor", "admin"] }]
          - to: [{ operation: { paths: ["/public", "/ADMIN", "/admin", "/admin/*", "/adm*"] } }]
        ---
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: { name: payment-jwt, namespace: production }
        spec:
          selector: { matchLabels: { app: payment-service } }
          jwtRules:
          - issuer: testing@secure.istio.io
            jwks: '{{jwks.Trim()}}'
        """;

    private static string Sbctl(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.True(Switchboard.Cli.SbctlApp.Run(args, output, error) == 0, $"sbctl {string.Join(' ', args)}: {error}");
        return output.ToString().Trim();
    }

    private static async Task<HttpStatusCode> Post(MeshProxy from, string url, string? token) => (await Send(from, HttpMethod.Post, url, token)).Status;

    private static async Task<(HttpStatusCode Status, string Body)> Send(MeshProxy from, HttpMethod method, string url, string? token)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Add("Authorization", "Bearer " + token);
        using var response = await from.Proxy.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
