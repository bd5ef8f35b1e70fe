using Switchboard.Analysis.Framework;

namespace Switchboard.Analysis.Tests;

/// <summary>Suppressions (flag and annotation) and namespace scoping of reported messages.</summary>
public class SuppressionAndScopeTests
{
    private const string TwoNamespaces = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
          namespace: default
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination:
                host: ratings
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: orders
          namespace: shop
          annotations:
            galley.istio.io/analyze-suppress: "IST0101"
        spec:
          hosts: [orders]
          http:
          - route:
            - destination:
                host: missing
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: cart
          namespace: shop
        spec:
          hosts: [cart]
          http:
          - route:
            - destination:
                host: gone
        """;

    [Fact]
    public void Annotation_suppresses_only_its_resource()
    {
        var findings = AnalysisRun.Findings(AnalysisRun.OfText(TwoNamespaces));
        Assert.Equal(["IST0101 VirtualService default/reviews", "IST0101 VirtualService shop/cart"], findings);
    }

    [Theory]
    [InlineData("IST0101=VirtualService reviews.default", "IST0101 VirtualService shop/cart")]
    [InlineData("IST0101=VirtualService *.default", "IST0101 VirtualService shop/cart")]
    [InlineData("*=VirtualService cart.shop", "IST0101 VirtualService default/reviews")]
    public void Suppress_flag_matches_code_kind_name_and_namespace(string rule, string remaining)
    {
        var findings = AnalysisRun.Findings(AnalysisRun.OfText(TwoNamespaces, new AnalysisOptions { Suppressions = [rule] }));
        Assert.Equal([remaining], findings);
    }

    [Fact]
    public void Namespace_option_reports_only_that_namespace()
    {
        var findings = AnalysisRun.Findings(AnalysisRun.OfText(TwoNamespaces, new AnalysisOptions { Namespace = "shop" }));
        Assert.Equal(["IST0101 VirtualService shop/cart"], findings);
    }

    [Fact]
    public void Malformed_suppression_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => AnalysisRun.OfText(TwoNamespaces, new AnalysisOptions { Suppressions = ["IST0101"] }));
    }

    [Fact]
    public void Messages_point_at_the_field_line()
    {
        var result = AnalysisRun.OfText(TwoNamespaces);
        var reviews = Assert.Single(result.Messages, m => m.Resource!.Name == "reviews");
        Assert.Equal(11, reviews.Location!.Value.Line);
        Assert.Equal("fixture.yaml", reviews.Location!.Value.File);
    }
}
