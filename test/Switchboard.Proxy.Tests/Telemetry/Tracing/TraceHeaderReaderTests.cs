using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Telemetry.Tracing;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>Reading the caller's trace context: B3 (single and multi), W3C, which wins, and what counts as absent.</summary>
public sealed class TraceHeaderReaderTests
{
    private const string Trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string Span = "00f067aa0ba902b7";
    private const string OtherTrace = "0af7651916cd43dd8448eb211c80319c";
    private const string OtherSpan = "b7ad6b7169203331";

    [Theory]
    // B3 multi: ids with or without a decision; a decision alone; the debug flag; 64-bit trace ids widened.
    [InlineData("x-b3-traceid=" + Trace + ";x-b3-spanid=" + Span + ";x-b3-sampled=1", Trace, Span, true)]
    [InlineData("x-b3-traceid=" + Trace + ";x-b3-spanid=" + Span, Trace, Span, null)]
    [InlineData("x-b3-traceid=" + Trace + ";x-b3-spanid=" + Span + ";x-b3-sampled=0", Trace, Span, false)]
    [InlineData("x-b3-sampled=1", "", "", true)]
    [InlineData("x-b3-sampled=0;x-b3-flags=1", "", "", true)]
    [InlineData("x-b3-traceid=463ac35c9f6413ad;x-b3-spanid=" + Span + ";x-b3-sampled=true", "0000000000000000463ac35c9f6413ad", Span, true)]
    [InlineData("x-b3-traceid=4BF92F3577B34DA6A3CE929D0E0E4736;x-b3-spanid=" + Span, Trace, Span, null)]
    // B3 single, which wins over the separate headers.
    [InlineData("b3=" + Trace + "-" + Span + "-1-" + OtherSpan, Trace, Span, true)]
    [InlineData("b3=" + Trace + "-" + Span, Trace, Span, null)]
    [InlineData("b3=" + Trace + "-" + Span + "-d", Trace, Span, true)]
    [InlineData("b3=0", "", "", false)]
    [InlineData("b3=" + Trace + "-" + Span + "-0;x-b3-traceid=" + OtherTrace + ";x-b3-spanid=" + OtherSpan + ";x-b3-sampled=1", Trace, Span, false)]
    // W3C, the fallback when there is no B3 (the provider is Zipkin here).
    [InlineData("traceparent=00-" + Trace + "-" + Span + "-01", Trace, Span, true)]
    [InlineData("traceparent=00-" + Trace + "-" + Span + "-00", Trace, Span, false)]
    [InlineData("traceparent=01-" + Trace + "-" + Span + "-03-future", Trace, Span, true)]
    // Both families: B3 first for Zipkin.
    [InlineData("traceparent=00-" + OtherTrace + "-" + OtherSpan + "-01;x-b3-traceid=" + Trace + ";x-b3-spanid=" + Span + ";x-b3-sampled=0", Trace, Span, false)]
    // Malformed: absent, so a new trace.
    [InlineData("x-b3-traceid=" + Trace, "", "", null)]
    [InlineData("x-b3-traceid=" + Trace + ";x-b3-spanid=0000000000000000", "", "", null)]
    [InlineData("x-b3-traceid=xyz;x-b3-spanid=" + Span, "", "", null)]
    [InlineData("b3=" + Trace + "-" + Span + "-7", "", "", null)]
    [InlineData("traceparent=00-00000000000000000000000000000000-" + Span + "-01", "", "", null)]
    [InlineData("traceparent=ff-" + Trace + "-" + Span + "-01", "", "", null)]
    [InlineData("traceparent=00-" + Trace + "-" + Span + "-01-extra", "", "", null)]
    [InlineData("traceparent=00_" + Trace + "-" + Span + "-01", "", "", null)]
    public void Zipkin_reads_B3_first_then_W3C(string headers, string trace, string span, bool? sampled)
    {
        var read = TraceHeaderReader.Read(Headers(headers), preferB3: true);
        Assert.Equal((trace, span, sampled), (read.HasParent ? read.TraceId.ToHexString() : "", read.HasParent ? read.SpanId.ToHexString() : "", read.Sampled));
    }

    [Fact]
    public void OpenTelemetry_reads_W3C_first_and_keeps_its_tracestate()
    {
        var headers = Headers($"traceparent=00-{OtherTrace}-{OtherSpan}-01;tracestate=congo=t61rcWkgMzE;x-b3-traceid={Trace};x-b3-spanid={Span};x-b3-sampled=0");
        var read = TraceHeaderReader.Read(headers, preferB3: false);
        Assert.Equal((OtherTrace, OtherSpan, (bool?)true, "congo=t61rcWkgMzE"), (read.TraceId.ToHexString(), read.SpanId.ToHexString(), read.Sampled, read.TraceState));
        // Only B3: still joined.
        var b3Only = TraceHeaderReader.Read(Headers($"x-b3-traceid={Trace};x-b3-spanid={Span};x-b3-sampled=1"), preferB3: false);
        Assert.Equal((Trace, (bool?)true), (b3Only.TraceId.ToHexString(), b3Only.Sampled));
    }

    private static HeaderDictionary Headers(string pairs)
    {
        var headers = new HeaderDictionary();
        foreach (var pair in pairs.Split(';'))
        {
            var eq = pair.IndexOf('=');
            headers[pair[..eq]] = pair[(eq + 1)..];
        }
        return headers;
    }
}
