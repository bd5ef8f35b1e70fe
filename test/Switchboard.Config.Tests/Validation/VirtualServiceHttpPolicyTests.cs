using static Switchboard.Config.Tests.TestSupport.ConfigYaml;

namespace Switchboard.Config.Tests.Validation;

/// <summary>What an HTTP route does besides routing: fault, redirect, rewrite, retries, timeout, CORS, headers, mirrors.</summary>
public class VirtualServiceHttpPolicyTests
{
    private static string Vs(string spec) => Doc("networking.istio.io/v1", "VirtualService", spec);

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "mirrorPercentage over 100", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              mirror: {host: shadow}
              mirrorPercentage:
                value: 150 # <-
            """, "spec.http[0].mirrorPercentage.value" },
        { "mirrors percentage negative", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              mirrors:
              - destination: {host: shadow}
                percentage:
                  value: -5 # <-
            """, "spec.http[0].mirrors[0].percentage.value" },
        { "fault without delay or abort", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              fault: {} # <-
            """, "spec.http[0].fault" },
        { "delay without fixedDelay", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              fault:
                delay: # <-
                  percentage: {value: 10}
            """, "spec.http[0].fault.delay" },
        { "delay percentage out of range", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              fault:
                delay:
                  fixedDelay: 5s
                  percentage:
                    value: 100.5 # <-
            """, "spec.http[0].fault.delay.percentage.value" },
        { "fixedDelay below 1ms", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              fault:
                delay:
                  fixedDelay: 500us # <-
            """, "spec.http[0].fault.delay.fixedDelay" },
        { "abort without status", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              fault:
                abort: # <-
                  percentage: {value: 10}
            """, "spec.http[0].fault.abort" },
        { "abort with two statuses", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              fault:
                abort: {httpStatus: 503, grpcStatus: UNAVAILABLE} # <-
            """, "spec.http[0].fault.abort" },
        { "abort http status out of range", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              fault:
                abort:
                  httpStatus: 700 # <-
            """, "spec.http[0].fault.abort.httpStatus" },
        { "abort grpc status as number", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              fault:
                abort:
                  grpcStatus: "14" # <-
            """, "spec.http[0].fault.abort.grpcStatus" },
        { "redirect code not 3xx", """
            hosts: [reviews]
            http:
            - redirect:
                uri: /new
                redirectCode: 200 # <-
            """, "spec.http[0].redirect.redirectCode" },
        { "redirect port and derivePort", """
            hosts: [reviews]
            http:
            - redirect:
                port: 8080
                derivePort: FROM_REQUEST_PORT # <-
            """, "spec.http[0].redirect.derivePort" },
        { "redirect uri and prefixRewrite", """
            hosts: [reviews]
            http:
            - redirect:
                uri: /a
                prefixRewrite: /b # <-
            """, "spec.http[0].redirect.prefixRewrite" },
        { "redirect without target", """
            hosts: [reviews]
            http:
            - redirect: # <-
                redirectCode: 302
            """, "spec.http[0].redirect" },
        { "rewrite uri and regex", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              rewrite:
                uri: /a
                uriRegexRewrite: {match: '^/b', rewrite: /c} # <-
            """, "spec.http[0].rewrite.uriRegexRewrite" },
        { "negative attempts", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              retries:
                attempts: -1 # <-
            """, "spec.http[0].retries.attempts" },
        { "perTryTimeout below 1ms", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              retries:
                attempts: 2
                perTryTimeout: 0s # <-
            """, "spec.http[0].retries.perTryTimeout" },
        { "retry settings with zero attempts", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              retries:
                attempts: 0 # <-
                retryOn: 5xx
            """, "spec.http[0].retries.attempts" },
        { "unknown retryOn policy", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              retries:
                attempts: 2
                retryOn: 5xx,sometimes # <-
            """, "spec.http[0].retries.retryOn" },
        { "negative timeout", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              timeout: -1s # <-
            """, "spec.http[0].timeout" },
        { "direct response status", """
            hosts: [reviews]
            http:
            - directResponse:
                status: 100 # <-
            """, "spec.http[0].directResponse.status" },
        { "pseudo-header set", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              headers:
                request:
                  set:
                    ":path": /x # <-
            """, "spec.http[0].headers.request.set[:path]" },
        { "host header removed", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
                headers:
                  request:
                    remove:
                    - Host # <-
            """, "spec.http[0].route[0].headers.request.remove[0]" },
        { "authority set twice", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              rewrite: {authority: a.example.com}
              headers:
                request:
                  set:
                    host: b.example.com # <-
            """, "spec.http[0].headers.request.set[host]" },
        { "cors method", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              corsPolicy:
                allowMethods:
                - FETCH # <-
            """, "spec.http[0].corsPolicy.allowMethods[0]" },
        { "cors maxAge not whole seconds", """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              corsPolicy:
                maxAge: 1500ms # <-
            """, "spec.http[0].corsPolicy.maxAge" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects(string name, string spec, string path)
    {
        _ = name;
        AssertReported(Vs(spec), path);
    }
}
