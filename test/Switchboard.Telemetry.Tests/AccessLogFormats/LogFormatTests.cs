using Switchboard.Telemetry.AccessLogFormats;
using Switchboard.Telemetry.Tests.TestSupport;

namespace Switchboard.Telemetry.Tests.AccessLogFormats;

/// <summary>
/// Envoy text formats (logFormat.text): Istio's own default format renders the line Istio users know; header operators
/// with fallbacks, pseudo-headers and length limits; START_TIME formats; and every bad format is a located error.
/// </summary>
public sealed class LogFormatTests
{
    // Istio's default text format (what its envoy provider logs), as users copy it into logFormat.text.
    private const string IstioDefault = "[%START_TIME%] \"%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%\" %RESPONSE_CODE% %RESPONSE_FLAGS% "
        + "%RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% \"%UPSTREAM_TRANSPORT_FAILURE_REASON%\" %BYTES_RECEIVED% %BYTES_SENT% %DURATION% "
        + "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% \"%REQ(X-FORWARDED-FOR)%\" \"%REQ(USER-AGENT)%\" \"%REQ(X-REQUEST-ID)%\" \"%REQ(:AUTHORITY)%\" "
        + "\"%UPSTREAM_HOST%\" %UPSTREAM_CLUSTER% %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%\n";

    private static TestAttributes Request() => new TestAttributes()
        .With("request.time", new DateTimeOffset(2026, 11, 27, 9, 5, 7, 123, TimeSpan.Zero).AddTicks(4567))
        .With("request.method", "GET")
        .With("request.path", "/api/v1/charge?id=7")
        .With("request.host", "payment-service:8080")
        .With("request.protocol", "HTTP/1.1")
        .With("response.code", 503)
        .With("response.flags", "UF,URX")
        .With("response.code_details", "upstream_reset_before_response_started")
        .With("request.duration", TimeSpan.FromMilliseconds(42.9))
        .With("request.size", 12L)
        .With("response.size", 91L)
        .With("upstream.address", "198.18.0.12:8080")
        .With("xds.cluster_name", "outbound|8080|v1|payment-service.production.svc.cluster.local")
        .With("xds.route_name", "canary-split")
        .With("source.address", "198.18.0.11")
        .With("source.port", 51234)
        .With("destination.address", "198.19.0.7")
        .With("destination.port", 8080)
        .Header("User-Agent", "curl/8.5.0")
        .Header("X-Request-Id", "5b4a9c2e")
        .ResponseHeader("x-envoy-upstream-service-time", "40");

    [Fact]
    public void Istios_default_format_renders_the_line_Istio_users_know()
    {
        var line = LogFormat.Parse(IstioDefault).Render(Request());
        Assert.Equal("[2026-11-27T09:05:07.123Z] \"GET /api/v1/charge?id=7 HTTP/1.1\" 503 UF,URX upstream_reset_before_response_started - \"-\" 12 91 42 40 "
            + "\"-\" \"curl/8.5.0\" \"5b4a9c2e\" \"payment-service:8080\" \"198.18.0.12:8080\" outbound|8080|v1|payment-service.production.svc.cluster.local "
            + "- 198.19.0.7:8080 198.18.0.11:51234 - canary-split", line);
    }

    [Theory]
    [InlineData("%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%", "/api/v1/charge?id=7")]   // fallback to the pseudo-header
    [InlineData("%REQ(USER-AGENT?X-REQUEST-ID)%", "curl/8.5.0")]               // first one present wins
    [InlineData("%REQ(x-absent?X-Request-ID)%", "5b4a9c2e")]                   // header names are case-insensitive
    [InlineData("%REQ(x-absent)%", "-")]
    [InlineData("%REQ(USER-AGENT):4%", "curl")]                                // :N cuts to N characters
    [InlineData("%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%ms", "40ms")]
    [InlineData("100%% of %RESPONSE_CODE%", "100% of 503")]
    [InlineData("%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT% %DOWNSTREAM_LOCAL_PORT%", "198.18.0.11 8080")]
    [InlineData("%START_TIME(%Y/%m/%d %H:%M:%S.%6f%z)%", "2026/11/27 09:05:07.123456+0000")]
    [InlineData("%START_TIME(%s)% %START_TIME(%3f)%", "1795770307 123")]
    [InlineData("%GRPC_STATUS_NUMBER% %DOWNSTREAM_PEER_URI_SAN%", "- -")]     // absent attributes
    public void Operators_render_from_the_request(string format, string expected) =>
        Assert.Equal(expected, LogFormat.Parse(format).Render(Request()));

    [Fact]
    public void An_IPv6_peer_is_bracketed_before_its_port() =>
        Assert.Equal("[fd00::1]:443", LogFormat.Parse("%DOWNSTREAM_REMOTE_ADDRESS%").Render(new TestAttributes().With("source.address", "fd00::1").With("source.port", 443)));

    [Theory]
    [InlineData("%RESPONSE_COD% x", LogFormatErrorCode.UnknownOperator, 1, "did you mean 'RESPONSE_CODE'")]
    [InlineData("ok %REQ% x", LogFormatErrorCode.WrongArgument, 4, "needs a header")]
    [InlineData("%REQ(a??b)%", LogFormatErrorCode.WrongArgument, 1, "needs a header")]
    [InlineData("%PROTOCOL(x)%", LogFormatErrorCode.WrongArgument, 1, "takes no argument")]
    [InlineData("%DURATION", LogFormatErrorCode.Malformed, 1, "not closed")]
    [InlineData("50% done", LogFormatErrorCode.Malformed, 3, "%%")]
    [InlineData("%REQ(X-A", LogFormatErrorCode.Malformed, 1, "not closed")]
    [InlineData("%REQ(X-A):x%", LogFormatErrorCode.Malformed, 10, "length")]
    [InlineData("%START_TIME(%Y-%Q)%", LogFormatErrorCode.UnsupportedTimeFormat, 16, "%Q")]
    public void A_bad_format_is_a_located_error(string format, LogFormatErrorCode code, int column, string fragment)
    {
        Assert.False(LogFormat.TryParse(format, out _, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(column, error.Column);
        Assert.Contains(fragment, error.ToString());
    }

    [Fact]
    public void Every_error_is_reported_with_its_line()
    {
        Assert.False(LogFormat.TryParse("%FOO% ok\n%BAR(x)% %REQ%\n", out _, out var errors));
        Assert.Equal([(1, 1), (2, 1), (2, 10)], errors.Select(e => (e.Line, e.Column)));
        var thrown = Assert.Throws<LogFormatException>(() => LogFormat.Parse("a %FOO%"));
        Assert.Contains("unknown command operator %FOO% at column 3", thrown.Message);
    }
}
