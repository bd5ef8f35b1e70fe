using Switchboard.Translation.Json;
using Switchboard.Translation.Tests.TestSupport;
using ProxyConfigRecord = Switchboard.Translation.ProxyConfig.ProxyConfig;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>
/// Sidecar egress scoping (reference/istio-api.md §1.6): which Sidecar applies to a proxy, which services its egress
/// hosts and ports admit (still only those exported to the proxy), and the outbound traffic policy it sets.
/// </summary>
public sealed class SidecarScopeTests
{
    private const string P = "payment-service.production.svc.cluster.local";
    private const string L = "ledger.production.svc.cluster.local";
    private const string Q = "queue.jobs.svc.cluster.local";
    private const string S = "secret.jobs.svc.cluster.local";
    private const string I = "istiod.istio-system.svc.cluster.local";
    private const string A = "api.example.com";
    private const string W = "*.wikipedia.org";

    /// <summary>
    /// The base mesh (payment-service and the checkout pod in production) plus: ledger in production (http 80 and
    /// tcp 5432), ServiceEntries api.example.com (http 80) and *.wikipedia.org (tls 443) in production, queue in jobs,
    /// secret in jobs exported only to jobs, istiod in istio-system, and the pod jobs/batch.
    /// </summary>
    private static readonly string World = Fixtures.With("""
        apiVersion: v1
        kind: Service
        metadata: {name: ledger, namespace: production}
        spec:
          selector: {app: ledger}
          ports:
          - {name: http-api, port: 80}
          - {name: tcp-db, port: 5432}
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: api, namespace: production}
        spec:
          hosts: [api.example.com]
          resolution: DNS
          ports: [{number: 80, name: http, protocol: HTTP}]
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: wikipedia, namespace: production}
        spec:
          hosts: ["*.wikipedia.org"]
          resolution: NONE
          ports: [{number: 443, name: tls, protocol: TLS}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: queue, namespace: jobs}
        spec:
          ports: [{name: http, port: 9090}]
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: secret
          namespace: jobs
          annotations: {networking.istio.io/exportTo: "."}
        spec:
          ports: [{name: http, port: 9091}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: istiod, namespace: istio-system}
        spec:
          ports: [{name: http-monitoring, port: 15014}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: batch, namespace: jobs, labels: {app: batch}}
        spec: {containers: [{name: app}]}
        status: {podIP: 198.18.0.41}
        """);

    private static string Sidecar(string name, string ns, string spec) => $"""
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        spec:
        {Fixtures.Indent(spec, 2)}
        """;

    /// <summary>A selector-less Sidecar in production with one catch-all egress listener of <paramref name="hosts"/>.</summary>
    private static string DefaultSidecar(string hosts) => Sidecar("default", "production", $"egress: [{{hosts: [{hosts}]}}]");

    private static ProxyConfigRecord Translate(string proxy, params string[] documents) =>
        Mesh.Translate(string.Join("\n---\n", [World, .. documents]), proxy);

    /// <summary>The hosts the proxy got clusters for, sorted.</summary>
    private static string Reachable(ProxyConfigRecord config) =>
        string.Join(",", config.Clusters.Select(c => c.Host).Distinct().Order(StringComparer.Ordinal));

    private static string Hosts(params string[] hosts) => string.Join(",", hosts.Order(StringComparer.Ordinal));

    public static TheoryData<string, string> NamespaceForms => new()
    {
        // Any namespace: everything exported to production (secret is exported only to jobs).
        { "\"*/*\"", Hosts(P, L, A, W, Q, I) },
        // ".": the Sidecar's own namespace.
        { "\"./*\"", Hosts(P, L, A, W) },
        // "~": no namespace, so nothing.
        { "\"~/*\"", "" },
        { "\"~/payment-service.production.svc.cluster.local\"", "" },
        // A named namespace.
        { "\"jobs/*\"", Hosts(Q) },
        { "\"istio-system/*\", \"./*\"", Hosts(P, L, A, W, I) },
        // The namespace part must match as well as the name.
        { "\"jobs/payment-service.production.svc.cluster.local\"", "" },
        { "\"./queue.jobs.svc.cluster.local\"", "" },
    };

    [Theory]
    [MemberData(nameof(NamespaceForms))]
    public void EgressHostNamespaceForms(string hosts, string reachable) =>
        Assert.Equal(reachable, Reachable(Translate("production/checkout", DefaultSidecar(hosts))));

    public static TheoryData<string, string> DnsNameForms => new()
    {
        { "\"./payment-service.production.svc.cluster.local\"", Hosts(P) },
        { "\"*/*.svc.cluster.local\"", Hosts(P, L, Q, I) },
        { "\"*/*.production.svc.cluster.local\"", Hosts(P, L) },
        { "\"*/*.example.com\"", Hosts(A) },
        { "\"./api.example.com\", \"jobs/queue.jobs.svc.cluster.local\"", Hosts(A, Q) },
        // A wildcard egress host takes a wildcard ServiceEntry it contains.
        { "\"*/*.org\"", Hosts(W) },
        // The wildcard ServiceEntry is what reaches a name it covers.
        { "\"./en.wikipedia.org\"", Hosts(W) },
        { "\"./wikipedia.org\"", "" },
        // name.namespace form of a Kubernetes Service; a wildcard over it.
        { "\"*/queue.jobs\"", Hosts(Q) },
        { "\"*/*.production\"", Hosts(P, L) },
        { "\"*/ledger.production.svc\"", Hosts(L) },
        { "\"*/nothing.example.org\"", "" },
    };

    [Theory]
    [MemberData(nameof(DnsNameForms))]
    public void EgressHostDnsNameForms(string hosts, string reachable) =>
        Assert.Equal(reachable, Reachable(Translate("production/checkout", DefaultSidecar(hosts))));

    [Theory]
    [InlineData("./payment-service", P)]
    [InlineData("*/ledger", L)]
    [InlineData("jobs/ledger", "")]
    public void ShortNamesMatchKubernetesServices(string host, string reachable)
    {
        // Validation asks for fully qualified egress hosts; translation still reads short ones as Istio would.
        var yaml = string.Join("\n---\n", World, DefaultSidecar($"\"{host}\""));
        Assert.Equal(reachable, Reachable(Mesh.Translate(yaml, allowInvalid: true)));
    }

    [Fact]
    public void ExportToStillHidesWhatTheSidecarAdmits()
    {
        Assert.DoesNotContain(S, Reachable(Translate("production/checkout", DefaultSidecar("\"jobs/*\""))));
        Assert.Equal(Hosts(Q, S), Reachable(Translate("jobs/batch", Sidecar("default", "jobs", "egress: [{hosts: [\"./*\"]}]"))));
    }

    public static TheoryData<string, string, string, string> PortRestrictedEgress => new()
    {
        // Only port 5432 of anything in production: ledger's TCP port alone.
        {
            "- {port: {number: 5432, protocol: TCP, name: tcp}, hosts: [\"./*\"]}",
            "outbound|5432||" + L, "", L + ":5432"
        },
        // Port 8080 of production, plus every port of ledger through the catch-all listener.
        {
            "- {port: {number: 8080, protocol: HTTP, name: http}, hosts: [\"./*\"]}\n- hosts: [\"./ledger.production.svc.cluster.local\"]",
            $"outbound|5432||{L},outbound|80||{L},outbound|8080||{P}", $"80:{L}:80,8080:{P}:8080", L + ":5432"
        },
        // A service admitted on two ports by two listeners keeps both; api.example.com shares port 80.
        {
            "- {port: {number: 80, protocol: HTTP, name: http}, hosts: [\"./*\"]}\n- {port: {number: 5432, protocol: TCP, name: tcp}, hosts: [\"./ledger.production.svc.cluster.local\"]}",
            $"outbound|5432||{L},outbound|80||{A},outbound|80||{L}", $"80:{A}:80,80:{L}:80", L + ":5432"
        },
        // A port no admitted service has: nothing.
        { "- {port: {number: 7777, protocol: HTTP, name: http}, hosts: [\"*/*\"]}", "", "", "" },
    };

    [Theory]
    [MemberData(nameof(PortRestrictedEgress))]
    public void PortRestrictedEgressAdmitsOnlyThatPort(string egress, string clusters, string virtualHosts, string tcpServices)
    {
        var config = Translate("production/checkout", Sidecar("default", "production", "egress:\n" + egress));
        Assert.Equal(Hosts(clusters.Split(',', StringSplitOptions.RemoveEmptyEntries)), Hosts([.. config.Clusters.Select(c => c.Name)]));
        Assert.Equal(virtualHosts, string.Join(",", config.RouteTables.SelectMany(t => t.VirtualHosts.Select(v => $"{t.Port}:{v.Name}"))));
        Assert.Equal(tcpServices, string.Join(",", config.TcpServices.Select(t => t.Name)));
        // Endpoints follow the clusters.
        Assert.Equal(config.Clusters.Select(c => c.Name), config.Endpoints.Select(e => e.Cluster));
    }

    /// <summary>Sidecars the precedence cases pick from, by name.</summary>
    private static readonly Dictionary<string, string> Candidates = new()
    {
        ["selected"] = Sidecar("selected", "production", "workloadSelector: {labels: {app: checkout}}\negress: [{hosts: [\"./payment-service.production.svc.cluster.local\"]}]"),
        ["ns-default"] = Sidecar("ns-default", "production", "egress: [{hosts: [\"./ledger.production.svc.cluster.local\"]}]"),
        ["root"] = Sidecar("root", "istio-system", "egress: [{hosts: [\"istio-system/*\"]}]"),
        ["jobs-default"] = Sidecar("jobs-default", "jobs", "egress: [{hosts: [\"./*\"]}]"),
        ["other-selected"] = Sidecar("other-selected", "production", "workloadSelector: {labels: {app: other}}\negress: [{hosts: [\"jobs/*\"]}]"),
        ["root-selected"] = Sidecar("root-selected", "istio-system", "workloadSelector: {labels: {app: checkout}}\negress: [{hosts: [\"*/api.example.com\"]}]"),
    };

    [Theory]
    // A Sidecar selecting the workload beats the namespace default, which beats the root namespace's.
    [InlineData("production/checkout", "selected,ns-default,root", P)]
    [InlineData("production/checkout", "root,ns-default,selected", P)]
    [InlineData("production/checkout", "ns-default,root", L)]
    [InlineData("production/checkout", "root", I)]
    // A proxy in a namespace without its own Sidecar takes the root namespace's.
    [InlineData("jobs/batch", "selected,ns-default,root", I)]
    [InlineData("jobs/batch", "jobs-default,root", Q + "," + S)]
    // A selector that does not match, and a root-namespace Sidecar with a selector, apply to no other workload.
    [InlineData("production/checkout", "other-selected,root-selected,jobs-default,ns-default", L)]
    public void SidecarPrecedence(string proxy, string sidecars, string reachable) =>
        Assert.Equal(reachable, Reachable(Translate(proxy, [.. sidecars.Split(',').Select(n => Candidates[n])])));

    [Theory]
    [InlineData("other-selected")]
    [InlineData("root-selected")]
    [InlineData("jobs-default")]
    [InlineData("other-selected,root-selected,jobs-default")]
    public void UnrelatedSidecarsChangeNothing(string sidecars)
    {
        var without = ProxyConfigJson.Write(Translate("production/checkout"));
        var with = ProxyConfigJson.Write(Translate("production/checkout", [.. sidecars.Split(',').Select(n => Candidates[n])]));
        Assert.Equal(without, with);
    }

    [Fact]
    public void OldestOfTwoMatchingSidecarsApplies()
    {
        var first = Sidecar("a-first", "production", "workloadSelector: {labels: {app: checkout}}\negress: [{hosts: [\"./ledger.production.svc.cluster.local\"]}]");
        var second = Sidecar("b-second", "production", "workloadSelector: {labels: {version: v1}}\negress: [{hosts: [\"istio-system/*\"]}]");
        // Files apply in order, so the one written first is the older; names do not decide.
        Assert.Equal(L, Reachable(Translate("production/checkout", first, second)));
        Assert.Equal(I, Reachable(Translate("production/checkout", second, first)));
    }

    [Fact]
    public void DotInTheRootNamespaceDefaultMeansTheProxysNamespace()
    {
        var root = Sidecar("default", "istio-system", "egress: [{hosts: [\"./*\", \"istio-system/*\"]}]");
        Assert.Equal(Hosts(Q, S, I), Reachable(Translate("jobs/batch", root)));
        Assert.Equal(Hosts(P, L, A, W, I), Reachable(Translate("production/checkout", root)));
    }

    [Fact]
    public void SidecarWithoutEgressRestrictsNothing()
    {
        var sidecar = Sidecar("default", "production", "outboundTrafficPolicy: {mode: ALLOW_ANY}");
        Assert.Equal(ProxyConfigJson.Write(Translate("production/checkout")), ProxyConfigJson.Write(Translate("production/checkout", sidecar)));
    }

    [Fact]
    public void VirtualServicesAndDestinationRulesStillApplyToServicesInScope()
    {
        var vs = Fixtures.PaymentVs("- route: [{destination: {host: payment-service, subset: canary}}]");
        var config = Translate("production/checkout", Fixtures.PaymentDr(), vs, DefaultSidecar("\"./payment-service.production.svc.cluster.local\""));
        Assert.Equal("production/payment-routing", config.Routes(P + ":8080")[0].VirtualService);
        Assert.Equal("production/payment-dr", config.Cluster("outbound|8080|canary|" + P).DestinationRule);
        Assert.Equal(Hosts(P), Reachable(config));
    }

    [Theory]
    [InlineData(null, "ALLOW_ANY")]
    [InlineData("egress: [{hosts: [\"*/*\"]}]", "ALLOW_ANY")]
    [InlineData("outboundTrafficPolicy: {mode: ALLOW_ANY}", "ALLOW_ANY")]
    [InlineData("outboundTrafficPolicy: {mode: REGISTRY_ONLY}", "REGISTRY_ONLY")]
    // A policy without a mode is the proto default, REGISTRY_ONLY.
    [InlineData("outboundTrafficPolicy: {}", "REGISTRY_ONLY")]
    public void OutboundTrafficPolicyComesFromTheApplyingSidecar(string? spec, string policy)
    {
        var config = spec is null ? Translate("production/checkout") : Translate("production/checkout", Sidecar("default", "production", spec));
        Assert.Equal(policy, config.OutboundTrafficPolicy);
        // Only the non-default value is written, so configs without a REGISTRY_ONLY Sidecar read as before.
        Assert.Equal(policy == "REGISTRY_ONLY", ProxyConfigJson.Write(config).Contains("\"outboundTrafficPolicy\": \"REGISTRY_ONLY\"", StringComparison.Ordinal));
    }

    [Fact]
    public void OutboundTrafficPolicyIsNotMergedFromALessSpecificSidecar()
    {
        var selected = Sidecar("selected", "production", "workloadSelector: {labels: {app: checkout}}\negress: [{hosts: [\"*/*\"]}]");
        var namespaceDefault = Sidecar("default", "production", "outboundTrafficPolicy: {mode: REGISTRY_ONLY}");
        Assert.Equal("ALLOW_ANY", Translate("production/checkout", namespaceDefault, selected).OutboundTrafficPolicy);
        Assert.Equal("REGISTRY_ONLY", Translate("jobs/batch", Sidecar("root", "istio-system", "outboundTrafficPolicy: {mode: REGISTRY_ONLY}")).OutboundTrafficPolicy);
    }
}
