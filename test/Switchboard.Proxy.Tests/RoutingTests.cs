using System.Net;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests;

/// <summary>Routing on real connections: authority lookup, matches, weights, local answers, rewrites, headers.</summary>
public class RoutingTests
{
    [Fact]
    public async Task Forwards_explicit_proxy_request_keeping_the_callers_authority()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], ("", [v1])));
        var response = await proxy.Client.GetAsync($"{Configs.Url}/api/v1/charge?x=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("v1", await response.Content.ReadAsStringAsync());
        Assert.Equal("/api/v1/charge?x=1", v1.Last!.PathAndQuery);
        Assert.Equal("reviews.default:8080", v1.Last.Host);
        Assert.True(int.Parse(response.Headers.GetValues("x-envoy-upstream-service-time").Single()) >= 0);
    }

    [Fact]
    public async Task Max_requests_per_connection_one_closes_upstream_connections()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        Func<Cluster, Cluster> oneShot = c => c with { ConnectionPool = new ConnectionPool { MaxRequestsPerConnection = 1 } };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { v1.Port }, oneShot)]));
        await proxy.Client.GetStringAsync($"{Configs.Url}/");
        Assert.Equal("close", v1.Last!.Headers["connection"]);
    }

    [Theory]
    [InlineData("http://ratings.default:8080/")]
    [InlineData("http://reviews.default:9090/")]
    public async Task Unknown_host_or_port_is_404_NR(string url)
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], ("", [v1])));
        var response = await proxy.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, v1.Requests);
        Assert.Contains(" 404 NR route_not_found ", proxy.AccessLog.ToString());
    }

    [Fact]
    public async Task Routes_match_the_normalized_path_the_inbound_side_will_authorize()
    {
        await using var admin = await TestUpstream.StartAsync("admin");
        await using var other = await TestUpstream.StartAsync("other");
        var toAdmin = Configs.Forward("admin", matches: new RouteMatch { Path = new StringMatcher(MatchKind.Prefix, "/admin") });
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([toAdmin, Configs.Forward("other")], ("admin", [admin]), ("other", [other])));
        // Sent as written (an HttpClient would clean the path up first): escaped letters and dot segments are
        // normalized (BASE) before routing, and the upstream receives the normalized path.
        foreach (var target in new[] { "/%61dmin/x", "/public/../admin/x", "/./admin/x" })
        {
            Assert.Contains("HTTP/1.1 200", await Raw(proxy, $"GET http://reviews.default:8080{target} HTTP/1.1\r\nHost: reviews.default:8080\r\nConnection: close\r\n\r\n"));
            Assert.Equal("/admin/x", admin.Last!.PathAndQuery);
        }
        Assert.Equal(0, other.Requests);
        Assert.Contains("HTTP/1.1 400", await Raw(proxy, "GET http://reviews.default:8080/adm%00in HTTP/1.1\r\nHost: reviews.default:8080\r\nConnection: close\r\n\r\n"));
    }

    private static async Task<string> Raw(ProxyUnderTest proxy, string request)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, proxy.OutboundPort);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        return await new StreamReader(stream).ReadToEndAsync();
    }

    [Fact]
    public async Task Header_match_sends_beta_users_to_canary_and_first_match_wins()
    {
        await using var stable = await TestUpstream.StartAsync("stable");
        await using var canary = await TestUpstream.StartAsync("canary");
        var beta = new RouteMatch { Headers = [new KeyedMatcher("x-beta-user", new StringMatcher(MatchKind.Exact, "true"))] };
        var config = Configs.With([Configs.Forward("canary", matches: beta), Configs.Forward("stable")], ("stable", [stable]), ("canary", [canary]));
        await using var proxy = await ProxyUnderTest.StartAsync(config);
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Configs.Url}/");
        request.Headers.Add("x-beta-user", "true");
        Assert.Equal("canary", await (await proxy.Client.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Equal("stable", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
    }

    [Theory]
    [InlineData(MatchKind.Prefix, "/api", "/api/v1", true)]
    [InlineData(MatchKind.Prefix, "/api", "/web", false)]
    [InlineData(MatchKind.Exact, "/health", "/health", true)]
    [InlineData(MatchKind.Exact, "/health", "/health/x", false)]
    [InlineData(MatchKind.Regex, "/users/[0-9]+", "/users/42", true)]
    [InlineData(MatchKind.Regex, "/users/[0-9]+", "/users/42/x", false)]
    public async Task Uri_matches(MatchKind kind, string value, string path, bool matches)
    {
        await using var hit = await TestUpstream.StartAsync("hit");
        await using var miss = await TestUpstream.StartAsync("miss");
        var match = new RouteMatch { Path = new StringMatcher(kind, value) };
        var config = Configs.With([Configs.Forward("hit", matches: match), Configs.Forward("miss")], ("hit", [hit]), ("miss", [miss]));
        await using var proxy = await ProxyUnderTest.StartAsync(config);
        Assert.Equal(matches ? "hit" : "miss", await proxy.Client.GetStringAsync(Configs.Url + path));
    }

    [Fact]
    public async Task Without_headers_and_query_params_and_method()
    {
        await using var hit = await TestUpstream.StartAsync("hit");
        await using var miss = await TestUpstream.StartAsync("miss");
        var match = new RouteMatch
        {
            Method = new StringMatcher(MatchKind.Exact, "GET"),
            Headers = [new KeyedMatcher("x-debug", new StringMatcher(MatchKind.Present), Invert: true)],
            QueryParameters = [new KeyedMatcher("v", new StringMatcher(MatchKind.Regex, "[0-9]+"))],
        };
        var config = Configs.With([Configs.Forward("hit", matches: match), Configs.Forward("miss")], ("hit", [hit]), ("miss", [miss]));
        await using var proxy = await ProxyUnderTest.StartAsync(config);
        Assert.Equal("hit", await proxy.Client.GetStringAsync($"{Configs.Url}/?v=12"));
        Assert.Equal("miss", await proxy.Client.GetStringAsync($"{Configs.Url}/?v=x"));
        var debug = new HttpRequestMessage(HttpMethod.Get, $"{Configs.Url}/?v=12");
        debug.Headers.Add("x-debug", "1");
        Assert.Equal("miss", await (await proxy.Client.SendAsync(debug)).Content.ReadAsStringAsync());
        Assert.Equal("miss", await (await proxy.Client.PostAsync($"{Configs.Url}/?v=12", new StringContent(""))).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Weighted_split_95_5_stays_within_a_binomial_bound()
    {
        await using var stable = await TestUpstream.StartAsync("stable");
        await using var canary = await TestUpstream.StartAsync("canary");
        var route = new Route
        {
            Forward = new ForwardAction
            {
                Clusters =
                [
                    new WeightedCluster { Cluster = Configs.ClusterName("stable"), Weight = 95 },
                    new WeightedCluster { Cluster = Configs.ClusterName("canary"), Weight = 5 },
                ],
                Retry = RetryPolicy.None,
            },
        };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([route], ("stable", [stable]), ("canary", [canary])));
        const int n = 1000;
        for (var i = 0; i < n; i++) await proxy.Client.GetStringAsync($"{Configs.Url}/");
        // Expected 50 canary hits; sd = sqrt(1000 * 0.05 * 0.95) ≈ 6.9: allow ±4 sd.
        Assert.InRange(canary.Requests, 50 - 28, 50 + 28);
        Assert.Equal(n, stable.Requests + canary.Requests);
    }

    [Fact]
    public async Task Redirect_and_direct_response_are_answered_locally()
    {
        var redirect = new Route
        {
            Matches = [new RouteMatch { Path = new StringMatcher(MatchKind.Prefix, "/old") }],
            Redirect = new RedirectAction { Path = "/new", Authority = "example.com", Status = 308 },
        };
        var direct = new Route { DirectResponse = new DirectResponseAction(503, "maintenance") };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([redirect, direct], Array.Empty<(string, TestUpstream[])>()));
        var moved = await proxy.Client.GetAsync($"{Configs.Url}/old/page?q=1");
        Assert.Equal((HttpStatusCode)308, moved.StatusCode);
        Assert.Equal("http://example.com/new?q=1", moved.Headers.Location!.ToString());
        var down = await proxy.Client.GetAsync($"{Configs.Url}/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("maintenance", await down.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rewrite_replaces_the_matched_prefix_and_the_authority()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        var route = Configs.Forward(matches: new RouteMatch { Path = new StringMatcher(MatchKind.Prefix, "/api") }) with { };
        route = route with { Forward = route.Forward! with { Rewrite = new RewriteRule { Uri = "/v2", Authority = "reviews-internal" } } };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([route], ("", [v1])));
        await proxy.Client.GetStringAsync($"{Configs.Url}/api/items?id=3");
        Assert.Equal("/v2/items?id=3", v1.Last!.PathAndQuery);
        Assert.Equal("reviews-internal", v1.Last.Host);
    }

    [Fact]
    public async Task Regex_rewrite_substitutes_groups()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        var route = Configs.Forward();
        route = route with { Forward = route.Forward! with { Rewrite = new RewriteRule { RegexMatch = "^/service/([^/]+)(/.*)$", RegexReplacement = "\\2/instance/\\1" } } };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([route], ("", [v1])));
        await proxy.Client.GetStringAsync($"{Configs.Url}/service/foo/v1/api");
        Assert.Equal("/v1/api/instance/foo", v1.Last!.PathAndQuery);
    }

    [Fact]
    public async Task Header_changes_on_request_and_response_per_route_and_destination()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        var route = Configs.Forward() with
        {
            RequestHeaders = new HeaderChanges { Set = [new("x-route", "r")], Remove = ["x-secret"] },
            ResponseHeaders = new HeaderChanges { Add = [new("x-served-by", "mesh")], Remove = ["x-upstream"] },
        };
        route = route with
        {
            Forward = route.Forward! with
            {
                Clusters = [route.Forward.Clusters[0] with { RequestHeaders = new HeaderChanges { Add = [new("x-dest", "d")] } }],
            },
        };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([route], ("", [v1])));
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Configs.Url}/");
        request.Headers.Add("x-secret", "s");
        request.Headers.Add("x-route", "caller");
        var response = await proxy.Client.SendAsync(request);
        Assert.Equal("r", v1.Last!.Headers["x-route"]);
        Assert.Equal("d", v1.Last.Headers["x-dest"]);
        Assert.False(v1.Last.Headers.ContainsKey("x-secret"));
        Assert.Equal("mesh", response.Headers.GetValues("x-served-by").Single());
        Assert.False(response.Headers.Contains("x-upstream"));
    }
}

/// <summary>Mirroring: the shadow gets a copy; a slow or broken shadow never slows or fails the caller.</summary>
public class MirrorTests
{
    private static Route Mirrored(double percentage) => Configs.Forward() with
    {
        Forward = Configs.Forward().Forward! with { Mirrors = [new MirrorRule(Configs.ClusterName("shadow"), percentage)] },
    };

    [Fact]
    public async Task Shadow_receives_a_copy_with_shadow_authority_and_body()
    {
        await using var main = await TestUpstream.StartAsync("main");
        await using var shadow = await TestUpstream.StartAsync("shadow");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Mirrored(100)], ("", [main]), ("shadow", [shadow])));
        var response = await proxy.Client.PostAsync($"{Configs.Url}/orders", new StringContent("order-1"));
        Assert.Equal("main", await response.Content.ReadAsStringAsync());
        Assert.Equal("order-1", main.Last!.Body);
        for (var i = 0; i < 100 && shadow.Last is null; i++) await Task.Delay(20);
        Assert.Equal("reviews.default-shadow:8080", shadow.Last!.Host);
        Assert.Equal("order-1", shadow.Last.Body);
        Assert.Equal("/orders", shadow.Last.PathAndQuery);
    }

    [Fact]
    public async Task Slow_shadow_does_not_slow_the_caller()
    {
        await using var main = await TestUpstream.StartAsync("main");
        await using var shadow = await TestUpstream.StartAsync("shadow");
        // Generous bounds for a loaded 2-core machine: blocking on the shadow would take the full 10 s.
        shadow.Delay = TimeSpan.FromSeconds(10);
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Mirrored(100)], ("", [main]), ("shadow", [shadow])));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal("main", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Zero_percent_sends_no_copy()
    {
        await using var main = await TestUpstream.StartAsync("main");
        await using var shadow = await TestUpstream.StartAsync("shadow");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Mirrored(0)], ("", [main]), ("shadow", [shadow])));
        for (var i = 0; i < 20; i++) await proxy.Client.GetStringAsync($"{Configs.Url}/");
        await Task.Delay(200);
        Assert.Equal(0, shadow.Requests);
    }
}

/// <summary>CORS: preflights from allowed origins answered by the proxy, others forwarded.</summary>
public class CorsTests
{
    private static Route WithCors() => Configs.Forward() with
    {
        Cors = new CorsRule
        {
            AllowOrigins = [new StringMatcher(MatchKind.Exact, "https://shop.example.com"), new StringMatcher(MatchKind.Regex, "https://.*\\.trusted\\.example")],
            AllowMethods = ["POST", "GET"],
            AllowHeaders = ["x-user"],
            ExposeHeaders = ["x-trace"],
            MaxAge = TimeSpan.FromHours(1),
            AllowCredentials = true,
        },
    };

    [Theory]
    [InlineData("https://shop.example.com")]
    [InlineData("https://a.trusted.example")]
    public async Task Preflight_from_allowed_origin_is_answered_by_the_proxy(string origin)
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([WithCors()], ("", [v1])));
        var request = new HttpRequestMessage(HttpMethod.Options, $"{Configs.Url}/api");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await proxy.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("POST,GET", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("3600", response.Headers.GetValues("Access-Control-Max-Age").Single());
        Assert.Equal(0, v1.Requests);
    }

    [Fact]
    public async Task Other_origins_are_forwarded_without_cors_headers()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([WithCors()], ("", [v1])));
        var request = new HttpRequestMessage(HttpMethod.Options, $"{Configs.Url}/api");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await proxy.Client.SendAsync(request);
        Assert.Equal(1, v1.Requests);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Actual_request_from_allowed_origin_gets_allow_origin()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([WithCors()], ("", [v1])));
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Configs.Url}/api");
        request.Headers.Add("Origin", "https://shop.example.com");
        var response = await proxy.Client.SendAsync(request);
        Assert.Equal("https://shop.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("x-trace", response.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }
}

/// <summary>Consistent hashing: the same key lands on the same endpoint; a generated cookie pins a caller.</summary>
public class ConsistentHashTests
{
    private static async Task<(TestUpstream A, TestUpstream B, TestUpstream C, ProxyUnderTest Proxy)> Start(Translation.ProxyConfig.LoadBalancing lb)
    {
        var a = await TestUpstream.StartAsync("a");
        var b = await TestUpstream.StartAsync("b");
        var c = await TestUpstream.StartAsync("c");
        var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { a.Port, b.Port, c.Port }, cl => cl with { LoadBalancer = lb })]));
        return (a, b, c, proxy);
    }

    [Fact]
    public async Task Same_header_value_always_reaches_the_same_endpoint()
    {
        var (a, b, c, proxy) = await Start(new Translation.ProxyConfig.LoadBalancing { Algorithm = LbAlgorithm.ConsistentHash, HashKey = "header:x-user" });
        await using var _a = a; await using var _b = b; await using var _c = c; await using var _p = proxy;
        var seen = new HashSet<string>();
        foreach (var user in new[] { "alice", "bob", "carol", "dave", "erin", "frank" })
        {
            var answers = new HashSet<string>();
            for (var i = 0; i < 5; i++)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"{Configs.Url}/");
                request.Headers.Add("x-user", user);
                answers.Add(await (await proxy.Client.SendAsync(request)).Content.ReadAsStringAsync());
            }
            seen.Add(Assert.Single(answers));
        }
        Assert.True(seen.Count > 1, "six users should not all hash to one of three endpoints");
    }

    [Fact]
    public async Task Generated_cookie_pins_the_caller()
    {
        var (a, b, c, proxy) = await Start(new Translation.ProxyConfig.LoadBalancing { Algorithm = LbAlgorithm.ConsistentHash, HashKey = "cookie:sb-session", CookieTtl = TimeSpan.FromMinutes(5) });
        await using var _a = a; await using var _b = b; await using var _c = c; await using var _p = proxy;
        var first = await proxy.Client.GetAsync($"{Configs.Url}/");
        var setCookie = first.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("sb-session=", setCookie);
        Assert.Contains("max-age=300", setCookie, StringComparison.OrdinalIgnoreCase);
        var pinned = await first.Content.ReadAsStringAsync();
        var cookie = setCookie.Split(';')[0];
        for (var i = 0; i < 10; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"{Configs.Url}/");
            request.Headers.Add("Cookie", cookie);
            var response = await proxy.Client.SendAsync(request);
            Assert.False(response.Headers.Contains("Set-Cookie"));
            Assert.Equal(pinned, await response.Content.ReadAsStringAsync());
        }
    }
}
