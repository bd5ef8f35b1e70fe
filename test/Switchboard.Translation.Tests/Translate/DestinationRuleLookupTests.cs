using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>Which DestinationRule shapes a proxy's clusters: proxy namespace, then service namespace, then root namespace.</summary>
public sealed class DestinationRuleLookupTests
{
    private static string Rule(string name, string ns, string host, string extra = "") => $$"""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          host: "{{host}}"
          trafficPolicy:
            connectionPool:
              tcp: {maxConnections: 7}
        {{Fixtures.Indent(extra, 2)}}
        """;

    private const string Namespaces = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: jobs}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: istio-system}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: batch, namespace: jobs, labels: {app: batch}}
        spec: {containers: [{name: app}]}
        status: {podIP: 198.18.0.41}
        """;

    private static string? RuleFor(string proxy, params string[] rules) =>
        Mesh.Translate(Fixtures.With([Namespaces, .. rules]), proxy).Cluster("outbound|8080||" + Fixtures.PaymentHost).DestinationRule;

    [Fact]
    public void RuleInTheProxysNamespaceComesFirst() =>
        Assert.Equal("jobs/local", RuleFor("jobs/batch",
            Rule("in-service-ns", "production", "payment-service"),
            Rule("root", "istio-system", Fixtures.PaymentHost),
            Rule("local", "jobs", Fixtures.PaymentHost)));

    [Fact]
    public void ThenTheServicesNamespace() =>
        Assert.Equal("production/in-service-ns", RuleFor("jobs/batch",
            Rule("root", "istio-system", Fixtures.PaymentHost),
            Rule("in-service-ns", "production", "payment-service")));

    [Fact]
    public void ThenTheRootNamespace() =>
        Assert.Equal("istio-system/root", RuleFor("jobs/batch", Rule("root", "istio-system", Fixtures.PaymentHost)));

    [Fact]
    public void RulesInOtherNamespacesDoNotApply() =>
        Assert.Null(RuleFor("production/checkout", Rule("elsewhere", "jobs", Fixtures.PaymentHost)));

    [Fact]
    public void ExportToHidesARuleFromOtherNamespacesButNotItsOwn()
    {
        var privateRule = Rule("private", "production", "payment-service", "exportTo: [\".\"]");
        Assert.Null(RuleFor("jobs/batch", privateRule));
        Assert.Equal("production/private", RuleFor("production/checkout", privateRule));
        Assert.Equal("production/shared", RuleFor("jobs/batch", Rule("shared", "production", "payment-service", "exportTo: [jobs]")));
    }

    [Fact]
    public void ExactHostBeatsAWildcardAndTheLongerWildcardBeatsTheShorter()
    {
        Assert.Equal("production/exact", RuleFor("production/checkout",
            Rule("wide", "production", "*.svc.cluster.local"),
            Rule("exact", "production", "payment-service"),
            Rule("narrow", "production", "*.production.svc.cluster.local")));
        Assert.Equal("production/narrow", RuleFor("production/checkout",
            Rule("wide", "production", "*.svc.cluster.local"),
            Rule("narrow", "production", "*.production.svc.cluster.local")));
    }

    [Fact]
    public void WorkloadSelectorRuleAppliesOnlyToTheWorkloadsItSelects()
    {
        var selected = Rule("for-checkout", "production", "payment-service", "workloadSelector: {matchLabels: {app: checkout}}");
        var general = Rule("general", "production", "payment-service");
        Assert.Equal("production/for-checkout", RuleFor("production/checkout", general, selected));
        var other = Rule("for-other", "production", "payment-service", "workloadSelector: {matchLabels: {app: other}}");
        Assert.Equal("production/general", RuleFor("production/checkout", general, other));
    }

    [Fact]
    public void RulesForTheSameHostInOneNamespaceMergeOldestPolicyFirstAndSubsetsAdded()
    {
        var config = Mesh.Translate(Fixtures.With(
            Fixtures.PaymentDr("trafficPolicy: {loadBalancer: {simple: RANDOM}}", name: "first"),
            """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: second, namespace: production}
            spec:
              host: payment-service
              trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
              subsets:
              - {name: canary, labels: {version: v9}}
              - {name: blue, labels: {color: blue}}
            """));
        var defaultCluster = config.Cluster("outbound|8080||" + Fixtures.PaymentHost);
        Assert.Equal(Switchboard.Translation.ProxyConfig.LbAlgorithm.Random, defaultCluster.LoadBalancer.Algorithm);
        Assert.Equal("production/first", defaultCluster.DestinationRule);
        // canary keeps the first rule's labels; blue comes from the second rule.
        Assert.Equal(["198.18.0.21"], config.EndpointsOf("outbound|8080|canary|" + Fixtures.PaymentHost).Select(e => e.Address));
        config.Cluster("outbound|8080|blue|" + Fixtures.PaymentHost);
    }
}
