using Switchboard.Config.Source;
using static Switchboard.Config.Tests.TestSupport.ConfigYaml;

namespace Switchboard.Config.Tests.Validation;

public class VirtualServiceValidatorTests
{
    private static string Vs(string spec) => Doc("networking.istio.io/v1", "VirtualService", spec);

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "delegate with gateways", """
            gateways: [gw] # <-
            http:
            - route:
              - destination: {host: reviews}
            """, "spec.gateways" },
        { "delegate with tcp", """
            tcp: # <-
            - route:
              - destination: {host: reviews}
            """, "spec.tcp" },
        { "no routes", """
            # <- spec
            hosts: [reviews]
            """, "spec" },
        { "route without action", """
            hosts: [reviews]
            http:
            - name: nothing # <-
              timeout: 1s
            """, "spec.http[0]" },
        { "route and redirect", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              redirect: {uri: /x} # <-
            """, "spec.http[0].redirect" },
        { "fault and redirect", """
            hosts: [reviews]
            http:
            - redirect: {uri: /x} # <-
              fault: {abort: {httpStatus: 500}}
            """, "spec.http[0].redirect" },
        { "rewrite and redirect", """
            hosts: [reviews]
            http:
            - redirect: {uri: /x} # <-
              rewrite: {uri: /y}
            """, "spec.http[0].redirect" },
        { "directResponse and redirect", """
            hosts: [reviews]
            http:
            - redirect: {uri: /x} # <-
              directResponse: {status: 200}
            """, "spec.http[0].redirect" },
        { "route and directResponse", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              directResponse: {status: 200} # <-
            """, "spec.http[0].directResponse" },
        { "fault and directResponse", """
            hosts: [reviews]
            http:
            - directResponse: {status: 200} # <-
              fault: {abort: {httpStatus: 500}}
            """, "spec.http[0].directResponse" },
        { "rewrite and directResponse", """
            hosts: [reviews]
            http:
            - directResponse: {status: 200} # <-
              rewrite: {uri: /y}
            """, "spec.http[0].directResponse" },
        { "mirror and mirrors", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              mirror: {host: shadow}
              mirrors: # <-
              - destination: {host: shadow2}
            """, "spec.http[0].mirrors" },
        { "empty match", """
            hosts: [reviews]
            http:
            - match:
              - {} # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0]" },
        { "string match with two kinds", """
            hosts: [reviews]
            http:
            - match:
              - uri: {exact: /a, prefix: /b} # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0].uri" },
        { "empty uri match", """
            hosts: [reviews]
            http:
            - match:
              - uri: {} # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0].uri" },
        { "regex backreference", """
            hosts: [reviews]
            http:
            - match:
              - uri:
                  regex: '(a)\1' # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0].uri.regex" },
        { "regex lookahead in header", """
            hosts: [reviews]
            http:
            - match:
              - headers:
                  x-user:
                    regex: '(?=admin).*' # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0].headers[x-user].regex" },
        { "regex syntax error", """
            hosts: [reviews]
            http:
            - match:
              - queryParams:
                  id:
                    regex: '([0-9]+' # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0].queryParams[id].regex" },
        { "regex too long", $$"""
            hosts: [reviews]
            http:
            - match:
              - authority:
                  regex: '{{new string('a', 8193)}}' # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0].authority.regex" },
        { "regex repeat over RE2 limit", """
            hosts: [reviews]
            http:
            - match:
              - uri:
                  regex: '/[0-9]{1,1001}' # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0].uri.regex" },
        { "invalid header name", """
            hosts: [reviews]
            http:
            - match:
              - headers:
                  "x user": {exact: a} # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0].headers[x user]" },
        { "match port out of range", """
            hosts: [reviews]
            http:
            - match:
              - port: 70000 # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0].port" },
        { "invalid sourceNamespace", """
            hosts: [reviews]
            http:
            - match:
              - sourceNamespace: Bad_NS # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0].sourceNamespace" },
        { "negative weight", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
                weight: -1 # <-
            """, "spec.http[0].route[0].weight" },
        { "weights add up to zero", """
            hosts: [reviews]
            http:
            - route: # <-
              - destination: {host: reviews, subset: v1}
                weight: 0
              - destination: {host: reviews, subset: v2}
                weight: 0
            """, "spec.http[0].route" },
        { "destination host star", """
            hosts: [reviews]
            http:
            - route:
              - destination:
                  host: "*" # <-
            """, "spec.http[0].route[0].destination.host" },
        { "destination port zero", """
            hosts: [reviews]
            http:
            - route:
              - destination:
                  host: reviews
                  port: {number: 0} # <-
            """, "spec.http[0].route[0].destination.port.number" },
        { "invalid subset name", """
            hosts: [reviews]
            http:
            - route:
              - destination:
                  host: reviews
                  subset: V_1 # <-
            """, "spec.http[0].route[0].destination.subset" },
        { "invalid host", """
            hosts:
            - Reviews_Service # <-
            http:
            - route:
              - destination: {host: reviews}
            """, "spec.hosts[0]" },
        { "star host for mesh", """
            hosts:
            - "*" # <-
            http:
            - route:
              - destination: {host: reviews}
            """, "spec.hosts[0]" },
        { "overlapping hosts", """
            hosts:
            - "*.example.com"
            - api.example.com # <-
            http:
            - route:
              - destination: {host: reviews}
            """, "spec.hosts[1]" },
        { "invalid gateway reference", """
            hosts: [reviews]
            gateways:
            - istio-system/Bad_Gateway # <-
            http:
            - route:
              - destination: {host: reviews}
            """, "spec.gateways[0]" },
        { "root route with route", """
            hosts: [reviews]
            http:
            - delegate: {name: reviews-delegate}
              route: # <-
              - destination: {host: reviews}
            """, "spec.http[0].route" },
        { "delegate route delegating again", """
            http:
            - delegate: {name: other} # <-
            """, "spec.http[0].delegate" },
        { "regex in delegate route", """
            http:
            - match:
              - uri:
                  regex: '/v[0-9]+' # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0].uri.regex" },
        { "jwt claim routing on mesh", """
            hosts: [reviews]
            http:
            - match:
              - headers:
                  "@request.auth.claims.group": {exact: admin} # <-
              route:
              - destination: {host: reviews}
            """, "spec.http[0].match[0].headers[@request.auth.claims.group]" },
        { "tls route without match", """
            hosts: [secure.example.com]
            gateways: [istio-system/gw]
            tls:
            - route: # <-
              - destination: {host: secure}
            """, "spec.tls[0].match" },
        { "sni host outside hosts", """
            hosts: [secure.example.com]
            gateways: [istio-system/gw]
            tls:
            - match:
              - sniHosts:
                - other.example.com # <-
              route:
              - destination: {host: secure}
            """, "spec.tls[0].match[0].sniHosts[0]" },
        { "tcp route without destinations", """
            hosts: [db]
            tcp:
            - match: # <- (no route key, so the route item itself is reported)
              - port: 5432
            """, "spec.tcp[0].route" },
        { "tcp destination subnet", """
            hosts: [db]
            tcp:
            - match:
              - destinationSubnets:
                - 10.0.0.0/33 # <-
              route:
              - destination: {host: db}
            """, "spec.tcp[0].match[0].destinationSubnets[0]" },
        { "duplicate exportTo", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
            exportTo:
            - "."
            - default # <-
            """, "spec.exportTo[1]" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects(string name, string spec, string path)
    {
        _ = name;
        AssertReported(Vs(spec), path);
    }

    public static TheoryData<string, string> Valid => new()
    {
        { "delegate VirtualService", """
            http:
            - match:
              - uri: {prefix: /reviews}
              route:
              - destination: {host: reviews}
            """ },
        { "root route with delegate", """
            hosts: [reviews]
            http:
            - match:
              - uri: {prefix: /v1}
              delegate: {name: reviews-v1, namespace: team-a}
            """ },
        { "header presence and query presence", """
            hosts: [reviews]
            http:
            - match:
              - headers:
                  x-debug: {}
                withoutHeaders:
                  x-canary: {}
                queryParams:
                  trace: {}
              route:
              - destination: {host: reviews}
            """ },
        { "RE2 named group", """
            hosts: [reviews]
            http:
            - match:
              - uri:
                  regex: '/users/(?P<id>[0-9]+)'
              route:
              - destination: {host: reviews}
            """ },
        { "RE2 repeat at the limit", """
            hosts: [reviews]
            http:
            - match:
              - uri:
                  regex: '/[0-9]{1,1000}'
              route:
              - destination: {host: reviews}
            """ },
        { "single destination with weight 0", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
                weight: 0
            """ },
        { "retryOn with status codes", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              retries:
                attempts: 3
                perTryTimeout: 250ms
                retryOn: 503,reset,connect-failure,unavailable
            """ },
        { "zero attempts alone disables retries", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              retries:
                attempts: 0
            """ },
        { "wildcard host and IP on a gateway", """
            hosts: ["*.example.com", "192.168.1.10"]
            gateways: [istio-system/public-gateway]
            http:
            - match:
              - headers:
                  "@request.auth.claims.group": {exact: admin}
              route:
              - destination: {host: reviews.default.svc.cluster.local}
            """ },
        { "redirect with derivePort", """
            hosts: [reviews]
            http:
            - redirect:
                scheme: https
                derivePort: FROM_PROTOCOL_DEFAULT
                redirectCode: 308
            """ },
        { "authority rewrite alone", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              rewrite: {authority: reviews.internal}
              headers:
                request:
                  set: {x-forwarded-proto: https}
            """ },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Accepts(string name, string spec)
    {
        _ = name;
        AssertClean(Vs(spec));
    }

    [Fact]
    public void MirrorPercent_IsDeprecated()
    {
        var yaml = Vs("""
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              mirror: {host: shadow}
              mirrorPercent: 50 # <-
            """);
        AssertReported(yaml, "spec.http[0].mirrorPercent", ProblemKind.Deprecated);
    }

    [Fact]
    public void CompleteExample_LoadsClean()
    {
        AssertClean(Doc("networking.istio.io/v1", "VirtualService", """
            hosts:
            - reviews.prod.svc.cluster.local
            - "*.reviews.example.com"
            gateways:
            - mesh
            - istio-system/public-gateway
            exportTo: [".", istio-system]
            http:
            - name: canary
              match:
              - name: beta-users
                uri: {prefix: /api/v1}
                scheme: {exact: https}
                method: {regex: "GET|HEAD"}
                authority: {prefix: reviews}
                headers:
                  x-beta: {exact: "true"}
                  x-trace: {}
                withoutHeaders:
                  x-legacy: {exact: "1"}
                queryParams:
                  version: {regex: "v[0-9]+"}
                port: 8080
                sourceLabels: {app: productpage, version: v2}
                gateways: [mesh]
                sourceNamespace: frontend
                ignoreUriCase: true
                statPrefix: canary
              route:
              - destination:
                  host: reviews.prod.svc.cluster.local
                  subset: v2
                  port: {number: 9080}
                weight: 90
                headers:
                  request:
                    set: {x-route: canary}
                  response:
                    remove: [x-internal]
              - destination: {host: reviews.prod.svc.cluster.local, subset: v1}
                weight: 10
              rewrite:
                uriRegexRewrite: {match: "^/api/v1/(.*)", rewrite: "/\\1"}
              timeout: 10s
              retries:
                attempts: 3
                perTryTimeout: 2s
                retryOn: gateway-error,connect-failure,refused-stream,503
                retryRemoteLocalities: true
                retryIgnorePreviousHosts: false
                backoff: 50ms
              mirrors:
              - destination: {host: shadow.prod.svc.cluster.local}
                percentage: {value: 5.5}
              corsPolicy:
                allowOrigins:
                - exact: https://example.com
                - regex: "https://.*\\.example\\.com"
                allowMethods: [GET, POST]
                allowHeaders: [authorization, content-type]
                exposeHeaders: ["*"]
                maxAge: 24h
                allowCredentials: true
                unmatchedPreflights: IGNORE
              headers:
                request:
                  add: {x-request-source: mesh}
                  remove: [x-debug]
                response:
                  set: {cache-control: no-store}
            - name: fault-test
              match:
              - headers:
                  x-fault: {exact: "on"}
              route:
              - destination: {host: reviews.prod.svc.cluster.local, subset: v1}
              fault:
                delay:
                  fixedDelay: 100ms
                  percentage: {value: 10}
                abort:
                  grpcStatus: UNAVAILABLE
                  percentage: {value: 1}
            - name: legacy
              match:
              - uri: {exact: /old}
              redirect:
                uri: /new
                authority: reviews.example.com
                port: 8443
                scheme: https
                redirectCode: 301
            - name: maintenance
              match:
              - uri: {prefix: /maintenance}
              directResponse:
                status: 503
                body: {string: "down for maintenance"}
            - name: default
              route:
              - destination: {host: reviews.prod.svc.cluster.local, subset: v1}
              mirror: {host: shadow.prod.svc.cluster.local}
              mirrorPercentage: {value: 1}
            tls:
            - match:
              - sniHosts: [secure.reviews.example.com]
                destinationSubnets: [10.0.0.0/8]
                port: 443
                sourceLabels: {app: gateway}
                gateways: [istio-system/public-gateway]
                sourceNamespace: istio-system
              route:
              - destination: {host: reviews-tls.prod.svc.cluster.local, port: {number: 8443}}
                weight: 100
            tcp:
            - match:
              - destinationSubnets: [10.1.0.0/16]
                port: 9000
                sourceLabels: {app: batch}
                gateways: [mesh]
                sourceNamespace: jobs
                sourceSubnet: 10.2.0.0/16
              route:
              - destination: {host: reviews-tcp.prod.svc.cluster.local, port: {number: 9000}}
                weight: 100
            """, name: "reviews", ns: "prod"));
    }
}
