using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>Timeout, retries, fault, redirect, direct response, rewrite, mirrors, headers and CORS of one rule.</summary>
public sealed class RoutePolicyTests
{
    private const string ToStable = "route: [{destination: {host: payment-service, subset: stable}}]";

    private static Route Compile(string rule, bool allowInvalid = false)
    {
        var http = "- " + Fixtures.Indent(rule, 2).TrimStart();
        var config = Mesh.Translate(Fixtures.With(Fixtures.PaymentDr(), Fixtures.PaymentVs(http)), allowInvalid: allowInvalid);
        return config.Routes(Fixtures.PaymentHost + ":8080")[0];
    }

    private static readonly string[] DefaultRetryOn = ["connect-failure", "refused-stream", "unavailable", "cancelled", "retriable-status-codes"];

    public static TheoryData<string, int, string[], int[], double?, bool> RetryCases => new()
    {
        // Unset: Istio's default (2 attempts on connection failures and upstream 503s).
        { "", 2, DefaultRetryOn, [503], null, true },
        // attempts: 0 disables retries.
        { "retries: {attempts: 0}", 0, [], [], null, true },
        // Attempts only: the default conditions stay.
        { "retries: {attempts: 5}", 5, DefaultRetryOn, [503], null, true },
        { "retries: {attempts: 3, perTryTimeout: 2s, retryOn: 'gateway-error,connect-failure,retriable-4xx'}", 3, ["gateway-error", "connect-failure", "retriable-4xx"], [], 2.0, true },
        // Bare status codes become retriable status codes, and the token that enables them is added.
        { "retries: {attempts: 2, retryOn: '503,reset,429'}", 2, ["reset", "retriable-status-codes"], [503, 429], null, true },
        { "retries: {attempts: 2, retryOn: 'retriable-status-codes,502'}", 2, ["retriable-status-codes"], [502], null, true },
        { "retries: {attempts: 1, retryIgnorePreviousHosts: false}", 1, DefaultRetryOn, [503], null, false },
    };

    [Theory]
    [MemberData(nameof(RetryCases))]
    public void Retries(string retries, int attempts, string[] retryOn, int[] codes, double? perTrySeconds, bool otherHosts)
    {
        var retry = Compile(ToStable + "\n" + retries).Forward!.Retry;
        Assert.Equal(attempts, retry.Attempts);
        Assert.Equal(retryOn, retry.RetryOn);
        Assert.Equal(codes, retry.RetriableStatusCodes);
        Assert.Equal(perTrySeconds, retry.PerTryTimeout?.TotalSeconds);
        Assert.Equal(otherHosts, retry.RetryOtherHosts);
    }

    [Fact]
    public void BackoffOverridesTheDefault25Milliseconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(25), Compile(ToStable).Forward!.Retry.BaseBackoff);
        Assert.Equal(TimeSpan.FromMilliseconds(100), Compile(ToStable + "\nretries: {attempts: 2, backoff: 100ms}").Forward!.Retry.BaseBackoff);
    }

    [Fact]
    public void ConsistentHashKeepsRetriesOnTheSameHostUnlessTheRuleSaysOtherwise()
    {
        var dr = Fixtures.PaymentDr("trafficPolicy:\n  loadBalancer:\n    consistentHash: {httpHeaderName: x-user}");
        Route Build(string rule) => Mesh.Translate(Fixtures.With(dr, Fixtures.PaymentVs("- " + rule))).Routes(Fixtures.PaymentHost + ":8080")[0];
        Assert.False(Build(ToStable).Forward!.Retry.RetryOtherHosts);
        Assert.True(Build(ToStable + "\n  retries: {attempts: 2, retryIgnorePreviousHosts: true}").Forward!.Retry.RetryOtherHosts);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("timeout: 10s", 10_000.0)]
    [InlineData("timeout: 250ms", 250.0)]
    [InlineData("timeout: 0s", null)]
    public void Timeout(string timeout, double? milliseconds) =>
        Assert.Equal(milliseconds, Compile(ToStable + "\n" + timeout).Forward!.Timeout?.TotalMilliseconds);

    public static TheoryData<string, FaultPolicy?> FaultCases => new()
    {
        { "fault: {delay: {fixedDelay: 50ms, percentage: {value: 10.0}}}", new FaultPolicy { Delay = TimeSpan.FromMilliseconds(50), DelayPercentage = 10 } },
        // Unset percentage: no request is delayed (reference/istio-api.md §1.1).
        { "fault: {delay: {fixedDelay: 1s}}", new FaultPolicy { Delay = TimeSpan.FromSeconds(1), DelayPercentage = 0 } },
        { "fault: {abort: {httpStatus: 503, percentage: {value: 0.5}}}", new FaultPolicy { AbortStatus = 503, AbortPercentage = 0.5 } },
        { "fault: {abort: {httpStatus: 500}}", new FaultPolicy { AbortStatus = 500, AbortPercentage = 0 } },
        { "fault: {abort: {grpcStatus: UNAVAILABLE, percentage: {value: 100}}}", new FaultPolicy { AbortGrpcStatus = "UNAVAILABLE", AbortPercentage = 100 } },
        {
            "fault: {delay: {fixedDelay: 2s, percentage: {value: 50}}, abort: {httpStatus: 418, percentage: {value: 25}}}",
            new FaultPolicy { Delay = TimeSpan.FromSeconds(2), DelayPercentage = 50, AbortStatus = 418, AbortPercentage = 25 }
        },
        { "", null },
    };

    [Theory]
    [MemberData(nameof(FaultCases))]
    public void Fault(string fault, FaultPolicy? expected) => Assert.Equal(expected, Compile(ToStable + "\n" + fault).Fault);

    [Fact]
    public void DeprecatedIntegerPercentIsReadWhenPercentageIsAbsent()
    {
        var fault = Compile(ToStable + "\nfault: {delay: {fixedDelay: 5s, percent: 30}}", allowInvalid: true).Fault!;
        Assert.Equal(30, fault.DelayPercentage);
    }

    [Fact]
    public void FaultRouteKeepsItsTimeoutAndRetries()
    {
        // As Istio: the fault acts before forwarding, so it is neither retried nor timed; other requests are.
        var route = Compile(ToStable + "\ntimeout: 3s\nretries: {attempts: 4}\nfault: {abort: {httpStatus: 503, percentage: {value: 10}}}");
        Assert.Equal(TimeSpan.FromSeconds(3), route.Forward!.Timeout);
        Assert.Equal(4, route.Forward.Retry.Attempts);
    }

    public static TheoryData<string, RedirectAction> RedirectCases => new()
    {
        { "redirect: {uri: /v2/charge}", new RedirectAction { Path = "/v2/charge", Status = 301 } },
        { "redirect: {authority: pay.example.com, redirectCode: 302}", new RedirectAction { Authority = "pay.example.com", Status = 302 } },
        { "redirect: {scheme: https, port: 8443}", new RedirectAction { Scheme = "https", Port = 8443 } },
        // FROM_REQUEST_PORT: the route table's port is the port the request came to.
        { "redirect: {uri: /x, derivePort: FROM_REQUEST_PORT}", new RedirectAction { Path = "/x", Port = 8080, DerivePort = "FROM_REQUEST_PORT" } },
        { "redirect: {scheme: https, derivePort: FROM_PROTOCOL_DEFAULT}", new RedirectAction { Scheme = "https", DerivePort = "FROM_PROTOCOL_DEFAULT" } },
    };

    [Theory]
    [MemberData(nameof(RedirectCases))]
    public void Redirect(string redirect, RedirectAction expected)
    {
        var route = Compile(redirect);
        Assert.Equal(expected, route.Redirect);
        Assert.Null(route.Forward);
    }

    [Theory]
    [InlineData("directResponse: {status: 503, body: {string: unavailable}}", 503, "unavailable")]
    [InlineData("directResponse: {status: 200, body: {bytes: aGVsbG8=}}", 200, "hello")]
    [InlineData("directResponse: {status: 204}", 204, null)]
    public void DirectResponse(string rule, int status, string? body)
    {
        var route = Compile(rule);
        Assert.Equal(new DirectResponseAction(status, body), route.DirectResponse);
        Assert.Null(route.Forward);
    }

    public static TheoryData<string, RewriteRule?> RewriteCases => new()
    {
        { "rewrite: {uri: /v1}", new RewriteRule { Uri = "/v1" } },
        { "rewrite: {authority: payments.internal}", new RewriteRule { Authority = "payments.internal" } },
        { "rewrite: {uriRegexRewrite: {match: '^/api/(.*)', rewrite: '/\\1'}}", new RewriteRule { RegexMatch = "^/api/(.*)", RegexReplacement = "/\\1" } },
        // A host header set on the route is an authority rewrite; rewrite.authority wins over it.
        { "headers: {request: {set: {Host: from-header}}}", new RewriteRule { Authority = "from-header" } },
        { "", null },
    };

    [Theory]
    [MemberData(nameof(RewriteCases))]
    public void Rewrite(string rule, RewriteRule? expected) => Assert.Equal(expected, Compile(ToStable + "\n" + rule).Forward!.Rewrite);

    [Fact]
    public void RewriteAuthorityWinsOverAHostHeader()
    {
        // Validation rejects setting the authority twice; translation still picks one, as Istio does.
        var rule = ToStable + "\nrewrite: {authority: explicit}\nheaders: {request: {set: {host: from-header}}}";
        Assert.Equal(new RewriteRule { Authority = "explicit" }, Compile(rule, allowInvalid: true).Forward!.Rewrite);
    }

    public static TheoryData<string, MirrorRule[]> MirrorCases => new()
    {
        { "mirror: {host: payment-service, subset: canary}", [new("outbound|8080|canary|payment-service.production.svc.cluster.local", 100)] },
        { "mirror: {host: payment-service, subset: canary}\nmirrorPercentage: {value: 12.5}", [new("outbound|8080|canary|payment-service.production.svc.cluster.local", 12.5)] },
        // An explicit 0 mirrors nothing.
        { "mirror: {host: payment-service, subset: canary}\nmirrorPercentage: {value: 0}", [] },
        {
            "mirrors:\n- {destination: {host: shadow.example.com, port: {number: 80}}, percentage: {value: 5}}\n- destination: {host: payment-service, subset: canary}",
            [new("outbound|80||shadow.example.com", 5), new("outbound|8080|canary|payment-service.production.svc.cluster.local", 100)]
        },
    };

    [Theory]
    [MemberData(nameof(MirrorCases))]
    public void Mirrors(string rule, MirrorRule[] expected) => Assert.Equal(expected, Compile(ToStable + "\n" + rule).Forward!.Mirrors);

    [Fact]
    public void RouteHeaderChangesAreSortedAndNeverTouchPseudoHeaders()
    {
        // Validation rejects pseudo-headers and host here; translation drops them rather than pass them on.
        var route = Compile(allowInvalid: true, rule: ToStable + """

            headers:
              request:
                set: {x-b: "2", x-a: "1", ":path": /no}
                add: {x-trace: "on"}
                remove: [x-internal, host]
              response:
                set: {x-served-by: switchboard}
                remove: [server]
            """);
        Assert.Equal([new("x-a", "1"), new("x-b", "2")], route.RequestHeaders.Set);
        Assert.Equal([new("x-trace", "on")], route.RequestHeaders.Add);
        Assert.Equal(["x-internal"], route.RequestHeaders.Remove);
        Assert.Equal([new("x-served-by", "switchboard")], route.ResponseHeaders.Set);
        Assert.Equal(["server"], route.ResponseHeaders.Remove);
    }

    [Fact]
    public void CorsPolicy()
    {
        var cors = Compile(ToStable + """

            corsPolicy:
              allowOrigins: [{exact: "https://shop.example.com"}, {regex: "https://.*\\.example\\.org"}]
              allowMethods: [GET, POST]
              allowHeaders: [x-user]
              exposeHeaders: [x-request-id]
              maxAge: 24h
              allowCredentials: true
              unmatchedPreflights: IGNORE
            """).Cors!;
        Assert.Equal([new StringMatcher(MatchKind.Exact, "https://shop.example.com"), new StringMatcher(MatchKind.Regex, "https://.*\\.example\\.org")], cors.AllowOrigins);
        Assert.Equal(["GET", "POST"], cors.AllowMethods);
        Assert.Equal(["x-user"], cors.AllowHeaders);
        Assert.Equal(["x-request-id"], cors.ExposeHeaders);
        Assert.Equal(TimeSpan.FromHours(24), cors.MaxAge);
        Assert.True(cors.AllowCredentials);
        Assert.False(cors.ForwardUnmatchedPreflights);
    }

    [Fact]
    public void RouteCarriesItsNameAndVirtualService()
    {
        var config = Mesh.Translate(Fixtures.With(Fixtures.PaymentDr(), Fixtures.PaymentVs("""
            - name: beta
              match: [{headers: {x-beta-user: {exact: "true"}}}]
              route: [{destination: {host: payment-service, subset: canary}}]
            - route: [{destination: {host: payment-service, subset: stable}}]
            """)));
        var routes = config.Routes(Fixtures.PaymentHost + ":8080");
        Assert.Equal([("beta", "production/payment-routing"), ("route-1", "production/payment-routing")], routes.Select(r => (r.Name, r.VirtualService)));
    }
}
