using static Switchboard.Config.Tests.TestSupport.ConfigYaml;

namespace Switchboard.Config.Tests.Validation;

public class AuthorizationPolicyValidatorTests
{
    private static string Ap(string spec) => Doc("security.istio.io/v1", "AuthorizationPolicy", spec);

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "selector and targetRefs", """
            selector: # <-
              matchLabels: {app: reviews}
            targetRefs:
            - {kind: Service, name: reviews}
            """, "spec.selector" },
        { "targetRef to unsupported kind", """
            targetRefs:
            - kind: Deployment # <-
              name: reviews
            """, "spec.targetRefs[0].kind" },
        { "targetRef without name", """
            targetRefs:
            - kind: Service # <-
            """, "spec.targetRefs[0].name" },
        { "provider without custom", """
            action: DENY
            provider: {name: ext-authz} # <-
            rules: [{}]
            """, "spec.provider" },
        { "custom without provider", """
            # <- spec
            action: CUSTOM
            rules: [{}]
            """, "spec.provider" },
        { "deny without rules", """
            # <- spec
            action: DENY
            """, "spec" },
        { "service accounts with principals", """
            rules:
            - from:
              - source:
                  principals: [cluster.local/ns/a/sa/b]
                  serviceAccounts: [a/b] # <-
            """, "spec.rules[0].from[0].source.serviceAccounts" },
        { "service account wildcard", """
            rules:
            - from:
              - source:
                  serviceAccounts:
                  - "prod/*" # <-
            """, "spec.rules[0].from[0].source.serviceAccounts[0]" },
        { "when key missing", """
            rules:
            - when:
              - values: [a] # <-
            """, "spec.rules[0].when[0].key is required" },
        { "unsupported when key", """
            rules:
            - when:
              - key: request.method # <-
                values: [GET]
            """, "spec.rules[0].when[0].key" },
        { "when without values", """
            rules:
            - when:
              - key: source.namespace # <-
            """, "spec.rules[0].when[0]" },
        { "when ip invalid", """
            rules:
            - when:
              - key: source.ip
                values:
                - 10.0.0.0/40 # <-
            """, "spec.rules[0].when[0].values[0]" },
        { "when port invalid", """
            rules:
            - when:
              - key: destination.port
                notValues:
                - "80*" # <-
            """, "spec.rules[0].when[0].notValues[0]" },
        { "ipBlocks invalid", """
            rules:
            - from:
              - source:
                  ipBlocks:
                  - 1.2.3 # <-
            """, "spec.rules[0].from[0].source.ipBlocks[0]" },
        { "port not numeric", """
            rules:
            - to:
              - operation:
                  ports:
                  - http # <-
            """, "spec.rules[0].to[0].operation.ports[0]" },
        { "port out of range", """
            rules:
            - to:
              - operation:
                  notPorts:
                  - "70000" # <-
            """, "spec.rules[0].to[0].operation.notPorts[0]" },
        { "empty source", """
            rules:
            - from:
              - source: {} # <-
            """, "spec.rules[0].from[0].source" },
        { "empty from list", """
            rules:
            - from: [] # <-
            """, "spec.rules[0].from" },
        { "empty value", """
            rules:
            - to:
              - operation:
                  methods:
                  - "" # <-
            """, "spec.rules[0].to[0].operation.methods[0]" },
        { "custom with principals", """
            action: CUSTOM
            provider: {name: ext-authz}
            rules:
            - from:
              - source:
                  principals: [cluster.local/ns/a/sa/b] # <-
            """, "spec.rules[0].from[0].source.principals" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects(string name, string spec, string path)
    {
        _ = name;
        AssertReported(Ap(spec), path);
    }

    public static TheoryData<string, string> Valid => new()
    {
        { "allow nothing", "{}" },
        { "deny all", "action: DENY\nrules: [{}]" },
        { "every supported when key", """
            rules:
            - when:
              - {key: "request.headers[x-user]", values: [admin]}
              - {key: source.ip, values: [10.0.0.0/8, 2001:db8::1]}
              - {key: remote.ip, notValues: [192.168.0.1]}
              - {key: source.namespace, values: [prod]}
              - {key: source.principal, values: ["*"]}
              - {key: source.serviceAccount, values: [prod/reviews]}
              - {key: source.trustDomain, values: [cluster.local]}
              - {key: request.auth.principal, values: ["issuer/sub"]}
              - {key: request.auth.audiences, values: [api]}
              - {key: request.auth.presenter, values: [app]}
              - {key: "request.auth.claims[groups][admin]", values: ["true"]}
              - {key: destination.ip, values: [10.1.2.3]}
              - {key: destination.port, values: ["0", "8080"]}
              - {key: connection.sni, values: [api.example.com]}
              - {key: "experimental.envoy.filters.network.mysql_proxy[db.table]", values: ["[update]"]}
            """ },
        { "targetRefs to a gateway", """
            targetRefs:
            - {group: gateway.networking.k8s.io, kind: Gateway, name: public}
            rules: [{}]
            """ },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Accepts(string name, string spec)
    {
        _ = name;
        AssertClean(Ap(spec));
    }

    [Fact]
    public void CompleteExample_LoadsClean()
    {
        AssertClean(Ap("""
            selector:
              matchLabels: {app: payments}
            action: ALLOW
            rules:
            - from:
              - source:
                  principals: [cluster.local/ns/checkout/sa/checkout]
                  notPrincipals: [cluster.local/ns/checkout/sa/legacy]
                  requestPrincipals: ["https://issuer.example.com/*"]
                  notRequestPrincipals: ["https://issuer.example.com/banned"]
                  ipBlocks: [10.0.0.0/8]
                  notIpBlocks: [10.0.1.0/24]
                  remoteIpBlocks: [203.0.113.0/24]
                  notRemoteIpBlocks: [203.0.113.7]
                  trustDomains: [cluster.local]
                  notTrustDomains: [evil.local]
              - source:
                  namespaces: [frontend]
                  notNamespaces: [sandbox]
              - source:
                  serviceAccounts: [batch/reporter, cron]
                  notServiceAccounts: [batch/legacy]
              to:
              - operation:
                  hosts: [payments.example.com]
                  notHosts: [internal.example.com]
                  ports: ["8080"]
                  notPorts: ["9090"]
                  methods: [POST, GET]
                  notMethods: [DELETE]
                  paths: ["/api/v1/*", "/charges/{*}/refund"]
                  notPaths: [/api/v1/admin]
              when:
              - key: request.auth.claims[role]
                values: [payment-processor]
                notValues: [guest]
            """));
    }
}
