using System.Text.Json;
using Switchboard.Authentication.Config;
using Switchboard.Config.Loading;
using Switchboard.Config.Security;
using Switchboard.Model;

namespace Switchboard.Authentication.Tests.Config;

public sealed class RequestAuthConfigTests
{
    private static string Policy(string name, string ns, string? selector = null, string extra = "", string rule = "- issuer: ISSUER\n    jwks: '{\"keys\":[]}'")
    {
        var selectorLine = selector is null ? "" : $"selector: {{matchLabels: {{{selector}}}}}";
        return $$"""
            ---
            apiVersion: security.istio.io/v1
            kind: RequestAuthentication
            metadata: {name: {{name}}, namespace: {{ns}}}
            spec:
              {{selectorLine}}
              {{extra}}
              jwtRules:
              {{rule.Replace("ISSUER", name)}}

            """;
    }

    private static MeshSnapshot Snapshot(string yaml)
    {
        var loaded = new ConfigLoader().LoadText(yaml, "fixture.yaml");
        Assert.True(loaded.Problems.Count == 0, string.Join("\n", loaded.Problems) + "\n" + yaml);
        return MeshSnapshot.From(loaded.Resources);
    }

    private static readonly MeshSnapshot Mesh = Snapshot(string.Concat(
        Policy("mesh", "istio-system"),
        Policy("mesh-pay", "istio-system", "app: pay"),
        Policy("shop-all", "shop"),
        Policy("shop-pay", "shop", "app: pay"),
        Policy("shop-cart", "shop", "app: cart"),
        Policy("shop-gateway", "shop", extra: "targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: gw}]"),
        Policy("other-all", "other")));

    [Theory]
    [InlineData("shop", "pay", "shop-all,shop-pay,mesh,mesh-pay")]
    [InlineData("shop", "cart", "shop-all,shop-cart,mesh")]
    [InlineData("other", "pay", "other-all,mesh,mesh-pay")]
    [InlineData("empty", "web", "mesh")]
    [InlineData("istio-system", "pay", "mesh,mesh-pay")]
    public void Every_policy_that_selects_the_workload_is_merged(string ns, string app, string expected)
    {
        var selected = RequestAuthSelector.For(Mesh, ns, new Dictionary<string, string> { ["app"] = app });
        Assert.Equal(expected, string.Join(",", selected.Select(p => p.Name)));
    }

    [Fact]
    public void Mapping_carries_every_field_and_Istio_defaults()
    {
        const string rule = """
            - issuer: ISSUER
                audiences: [a, b]
                jwks: '{"keys":[]}'
                fromHeaders: [{name: x-jwt, prefix: "Token "}]
                fromParams: [jwt]
                fromCookies: [session]
                outputPayloadToHeader: x-payload
                outputClaimToHeaders: [{header: x-sub, claim: sub}]
                spaceDelimitedClaims: [roles]
            """;
        var snapshot = Snapshot(Policy("full", "shop", rule: rule));
        var mapped = Assert.Single(JwtRuleMapper.Map(RequestAuthSelector.For(snapshot, "shop", new Dictionary<string, string>()), _ => null));
        Assert.Equal("full", mapped.Issuer);
        Assert.Equal(["a", "b"], mapped.Audiences);
        Assert.Equal("{\"keys\":[]}", mapped.JwksJson);
        Assert.Null(mapped.JwksError);
        Assert.Equal("Token ", Assert.Single(mapped.FromHeaders).Prefix);
        Assert.Equal(["jwt"], mapped.FromParams);
        Assert.Equal(["session"], mapped.FromCookies);
        Assert.False(mapped.ForwardOriginalToken);
        Assert.Equal("x-payload", mapped.OutputPayloadToHeader);
        Assert.Equal("sub", Assert.Single(mapped.OutputClaimToHeaders).Claim);
        Assert.Equal(["roles"], mapped.SpaceDelimitedClaims);

        // The wire form round-trips through the source-generated context (NativeAOT: no reflection).
        var json = JsonSerializer.Serialize(mapped, AuthenticationJsonContext.Default.JwtRuleConfig);
        var back = JsonSerializer.Deserialize(json, AuthenticationJsonContext.Default.JwtRuleConfig)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, AuthenticationJsonContext.Default.JwtRuleConfig));
    }

    [Fact]
    public void Remote_key_sets_come_from_the_lookup_and_fail_closed()
    {
        var jwksUri = new JwtRule { Issuer = "a", JwksUri = "https://idp.example.com/jwks", Timeout = Switchboard.Config.Types.Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) };
        var discovery = new JwtRule { Issuer = "https://accounts.example.com/" };
        var nothing = new JwtRule { Issuer = "not-a-url" };

        Assert.Equal(new JwksSource("https://idp.example.com/jwks", false, TimeSpan.FromSeconds(2)), JwtRuleMapper.RemoteSource(jwksUri));
        Assert.Equal(new JwksSource("https://accounts.example.com/.well-known/openid-configuration", true, JwksSource.DefaultTimeout), JwtRuleMapper.RemoteSource(discovery));
        Assert.Null(JwtRuleMapper.RemoteSource(nothing));

        Assert.Equal("{\"keys\":[1]}", JwtRuleMapper.Map(jwksUri, _ => JwksFetchResult.Ok("{\"keys\":[1]}"))!.JwksJson);
        Assert.Equal("HTTP 500", JwtRuleMapper.Map(jwksUri, _ => JwksFetchResult.Failed("HTTP 500"))!.JwksError);
        Assert.Contains("not fetched yet", JwtRuleMapper.Map(jwksUri, _ => null)!.JwksError);
        Assert.Contains("OpenID discovery", JwtRuleMapper.Map(nothing, _ => null)!.JwksError);
        Assert.Null(JwtRuleMapper.Map(new JwtRule(), _ => null));
    }
}
