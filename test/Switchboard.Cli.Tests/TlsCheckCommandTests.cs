namespace Switchboard.Cli.Tests;

/// <summary>
/// <c>sbctl tls-check</c> over inline meshes: OK with auto mTLS, CONFLICT both ways (plain text to STRICT, mesh mTLS to
/// DISABLE or to no sidecar), the seed's port exemption, port-level DestinationRule settings, the SERVICE filter.
/// </summary>
public sealed class TlsCheckCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-tlscheck-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>
    /// shop (injected, STRICT): api (port 80 → 8080) and the caller web; legacy (not injected): oldapp and the
    /// caller cron, neither with a sidecar.
    /// </summary>
    private const string Mesh = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {istio-injection: enabled}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: legacy}
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: shop}
        spec: {mtls: {mode: STRICT}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec:
          selector: {app: api}
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api-1, namespace: shop, labels: {app: api}}
        spec: {containers: [{name: app, ports: [{containerPort: 8080}]}]}
        status: {podIP: 198.18.0.1}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: app}]}
        status: {podIP: 198.18.0.2}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: oldapp, namespace: legacy}
        spec:
          selector: {app: oldapp}
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: oldapp-1, namespace: legacy, labels: {app: oldapp}}
        spec: {containers: [{name: app}]}
        status: {podIP: 198.18.1.1}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: cron, namespace: legacy, labels: {app: cron}}
        spec: {containers: [{name: app}]}
        status: {podIP: 198.18.1.2}
        ---

        """;

    private const string Api = "api.shop.svc.cluster.local:80";
    private const string OldApp = "oldapp.legacy.svc.cluster.local:80";

    private CliRun Check(string extra, params string[] args)
    {
        var path = Path.Combine(_dir.FullName, "mesh.yaml");
        File.WriteAllText(path, Mesh + extra);
        return CliRun.Of(["tls-check", .. args, "-f", path]);
    }

    /// <summary>The cells of the row for <paramref name="hostPort"/> (cells never contain spaces; the header does).</summary>
    private static string[] Row(CliRun run, string hostPort)
    {
        var rows = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith(hostPort + " ", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count == 1, $"expected one row for {hostPort} in:\n{run.Output}{run.Error}");
        return rows[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string DestinationRule(string name, string ns, string host, string trafficPolicy) => $"""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        spec:
          host: {host}
          trafficPolicy: {trafficPolicy}
        ---

        """;

    [Fact]
    public void Auto_mtls_to_strict_sidecars_is_ok_and_plain_text_to_no_sidecar_too()
    {
        var run = Check("", "shop/web");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("HOST:PORT", run.Output);
        Assert.Equal([Api, "OK", "STRICT", "AUTO", "shop/default", "-"], Row(run, Api));
        Assert.Equal([OldApp, "OK", "-", "AUTO", "-", "-"], Row(run, OldApp));
    }

    [Fact]
    public void Plain_text_to_strict_conflicts()
    {
        var run = Check(DestinationRule("api-plain", "shop", "api", "{tls: {mode: DISABLE}}"), "shop/web", "api");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([Api, "CONFLICT", "STRICT", "DISABLE", "shop/default", "shop/api-plain"], Row(run, Api));
    }

    [Fact]
    public void A_pod_without_sidecar_sends_plain_text_and_conflicts_with_strict()
    {
        var run = Check("", "legacy/cron", "api.shop");

        Assert.Equal([Api, "CONFLICT", "STRICT", "-", "shop/default", "-"], Row(run, Api));
    }

    [Fact]
    public void Simple_tls_to_strict_conflicts()
    {
        var run = Check(DestinationRule("api-tls", "shop", "api", "{tls: {mode: SIMPLE}}"), "shop/web", "api");

        Assert.Equal("CONFLICT", Row(run, Api)[1]);
    }

    [Fact]
    public void Istio_mutual_to_a_workload_without_sidecar_conflicts()
    {
        var run = Check(DestinationRule("oldapp-mtls", "shop", "oldapp.legacy.svc.cluster.local", "{tls: {mode: ISTIO_MUTUAL}}"), "shop/web", "oldapp.legacy");

        Assert.Equal([OldApp, "CONFLICT", "-", "ISTIO_MUTUAL", "-", "shop/oldapp-mtls"], Row(run, OldApp));
    }

    private const string ApiDisabled = """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: api-off, namespace: shop}
        spec:
          selector: {matchLabels: {app: api}}
          mtls: {mode: DISABLE}
        ---

        """;

    [Fact]
    public void Istio_mutual_to_disable_conflicts()
    {
        var run = Check(ApiDisabled + DestinationRule("api-mtls", "shop", "api", "{tls: {mode: ISTIO_MUTUAL}}"), "shop/web", "api");

        Assert.Equal([Api, "CONFLICT", "DISABLE", "ISTIO_MUTUAL", "shop/api-off", "shop/api-mtls"], Row(run, Api));
    }

    [Fact]
    public void Auto_mtls_cannot_see_a_workload_selected_disable()
    {
        var run = Check(ApiDisabled, "shop/web", "api");

        Assert.Equal([Api, "CONFLICT", "DISABLE", "AUTO", "shop/api-off", "-"], Row(run, Api));
    }

    [Fact]
    public void Auto_mtls_follows_a_namespace_wide_disable()
    {
        var run = Check("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: legacy}
            spec: {mtls: {mode: DISABLE}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: oldapp-2, namespace: legacy, labels: {app: oldapp, sidecar.istio.io/inject: "true"}}
            spec: {containers: [{name: app}]}
            status: {podIP: 198.18.1.3}
            """, "shop/web", "oldapp.legacy");

        Assert.Equal([OldApp, "OK", "DISABLE|-", "AUTO", "legacy/default", "-"], Row(run, OldApp));
    }

    [Fact]
    public void Port_exemption_of_the_seed_holds_for_its_port_only()
    {
        // The seed's 15021 exemption, on a selector as Istio requires for portLevelMtls.
        var run = Check("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: api-health, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              portLevelMtls: {"15021": {mode: PERMISSIVE}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api-health, namespace: shop}
            spec:
              selector: {app: api}
              ports: [{name: http-health, port: 15021}]
            """, "legacy/cron");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([Api, "CONFLICT", "STRICT", "-", "shop/default", "-"], Row(run, Api));
        Assert.Equal(["api-health.shop.svc.cluster.local:15021", "OK", "PERMISSIVE", "-", "shop/api-health", "-"], Row(run, "api-health.shop.svc.cluster.local:15021"));
    }

    [Fact]
    public void Port_level_destination_rule_settings_win()
    {
        var run = Check(DestinationRule("api-ports", "shop", "api", "{tls: {mode: ISTIO_MUTUAL}, portLevelSettings: [{port: {number: 80}, tls: {mode: DISABLE}}]}"), "shop/web", "api");

        Assert.Equal([Api, "CONFLICT", "STRICT", "DISABLE", "shop/default", "shop/api-ports"], Row(run, Api));
    }

    [Fact]
    public void Workloads_that_disagree_are_all_shown()
    {
        var run = Check("""
            apiVersion: v1
            kind: Pod
            metadata: {name: api-unmeshed, namespace: shop, labels: {app: api, sidecar.istio.io/inject: "false"}}
            spec: {containers: [{name: app}]}
            status: {podIP: 198.18.0.9}
            """, "shop/web", "api");

        Assert.Equal([Api, "OK", "STRICT|-", "AUTO", "shop/default", "-"], Row(run, Api));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("api.shop")]
    [InlineData("api.shop.svc.cluster.local")]
    public void Service_filter_takes_short_names_and_fqdns(string service)
    {
        var run = Check("", "web.shop", service);

        Assert.Equal(0, run.ExitCode);
        Row(run, Api);
        Assert.DoesNotContain(OldApp, run.Output);
    }

    [Fact]
    public void Unknown_service_is_an_error()
    {
        var run = Check("", "shop/web", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Unknown_pod_is_an_error()
    {
        var run = Check("", "shop/nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
    }
}
