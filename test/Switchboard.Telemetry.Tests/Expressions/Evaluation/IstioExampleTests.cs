using Switchboard.Telemetry.Expressions;
using Switchboard.Telemetry.Tests.TestSupport;

namespace Switchboard.Telemetry.Tests.Expressions.Evaluation;

/// <summary>
/// The expressions Istio's Telemetry docs use: access-log filters (true = log the entry) and metric tag overrides
/// (the label value, or "unknown" when the expression cannot be evaluated).
/// </summary>
public sealed class IstioExampleTests
{
    private const string ErrorsOnly = "response.code >= 400";
    private const string MtlsV1beta3 = "connection.mtls && request.url_path.contains('v1beta3')";
    private const string NotHealthCheck = "!has(request.useragent) || !(request.useragent.startsWith(\"Amazon-Route53-Health-Check-Service\"))";
    private const string NotHealthz = "response.code != 200 || request.url_path != '/healthz'";

    [Theory]
    [InlineData(500, true)]
    [InlineData(400, true)]
    [InlineData(399, false)]
    [InlineData(200, false)]
    public void Errors_only(int code, bool logged) =>
        Assert.Equal(logged, Filter(ErrorsOnly).EvaluateBool(new TestAttributes().With("response.code", code)));

    [Fact]
    public void Errors_only_without_a_response_code_is_not_logged()
    {
        var filter = Filter(ErrorsOnly);
        Assert.False(filter.EvaluateBool(TestAttributes.Empty));
        Assert.Equal(EvaluationError.NoSuchAttribute, filter.Evaluate(TestAttributes.Empty).AsError);
    }

    [Theory]
    [InlineData(true, "/api/v1beta3/things", "true")]
    [InlineData(true, "/api/v1/things", "false")]
    [InlineData(false, "/api/v1beta3/things", "false")]
    [InlineData(null, "/api/v1/things", "false")]
    [InlineData(null, "/api/v1beta3/things", "error(NoSuchAttribute)")]
    public void Mtls_and_path(bool? mtls, string path, string result)
    {
        var attributes = new TestAttributes().With("request.url_path", path);
        if (mtls is { } m) attributes.With("connection.mtls", m);
        var value = Filter(MtlsV1beta3).Evaluate(attributes);
        Assert.Equal(result, value.ToString());
        Assert.Equal(result == "true", Filter(MtlsV1beta3).EvaluateBool(attributes));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("Amazon-Route53-Health-Check-Service (ref 1234; report http://amazon.com/route53-health-check-service; )", false)]
    [InlineData("curl/8.5.0", true)]
    [InlineData("amazon-route53-health-check-service", true)]
    public void Not_a_route53_health_check(string? userAgent, bool logged)
    {
        var attributes = new TestAttributes();
        if (userAgent is not null) attributes.With("request.useragent", userAgent);
        Assert.Equal(logged, Filter(NotHealthCheck).EvaluateBool(attributes));
    }

    [Theory]
    [InlineData(200, "/healthz", false)]
    [InlineData(200, "/orders", true)]
    [InlineData(503, "/healthz", true)]
    public void Not_a_successful_healthz(int code, string path, bool logged) =>
        Assert.Equal(logged, Filter(NotHealthz).EvaluateBool(new TestAttributes().With("response.code", code).With("request.url_path", path)));

    [Fact]
    public void Not_healthz_logs_an_unanswered_request_to_another_path()
    {
        // response.code is absent, but the other side of || is true, and || absorbs the error.
        Assert.True(Filter(NotHealthz).EvaluateBool(new TestAttributes().With("request.url_path", "/orders")));
        Assert.False(Filter(NotHealthz).EvaluateBool(new TestAttributes().With("request.url_path", "/healthz")));
    }

    [Theory]
    [InlineData("string(destination.port)", "8080")]
    [InlineData("destination.port", "8080")]
    [InlineData("request.host", "reviews.default.svc.cluster.local")]
    [InlineData("request.headers['x-user-type']", "gold")]
    [InlineData("request.headers['X-User-Type']", "gold")]
    [InlineData("\"literal\"", "literal")]
    [InlineData("'literal'", "literal")]
    [InlineData("connection.mtls", "true")]
    [InlineData("request.duration", "0.25s")]
    [InlineData("response.code >= 500 ? 'server' : 'other'", "other")]
    [InlineData("request.headers['x-missing']", "unknown")]
    [InlineData("upstream.address", "unknown")]
    [InlineData("null", "unknown")]
    [InlineData("[1]", "unknown")]
    public void Tag_overrides(string text, string label)
    {
        var attributes = new TestAttributes()
            .With("destination.port", 8080)
            .With("request.host", "reviews.default.svc.cluster.local")
            .With("connection.mtls", true)
            .With("response.code", 200)
            .With("request.duration", TimeSpan.FromMilliseconds(250))
            .Header("X-User-Type", "gold");
        Assert.Equal(label, CelExpression.Parse(text).EvaluateString(attributes));
    }

    [Fact]
    public void Tag_fallback_is_the_callers_choice() =>
        Assert.Equal("-", CelExpression.Parse("request.host").EvaluateString(TestAttributes.Empty, fallback: "-"));

    private static CelExpression Filter(string text) => CelExpression.Parse(text, CelType.Bool);
}
