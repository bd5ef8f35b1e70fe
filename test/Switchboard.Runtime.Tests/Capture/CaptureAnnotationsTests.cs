using System.Net;
using Switchboard.Runtime.Capture;

namespace Switchboard.Runtime.Tests.Capture;

/// <summary>Reading <c>traffic.sidecar.istio.io/*</c> annotations: Istio's documented values, and errors that name annotation and value.</summary>
public sealed class CaptureAnnotationsTests
{
    private static CaptureOptions Read(params (string Key, string Value)[] annotations) =>
        CaptureOptions.FromAnnotations(annotations.ToDictionary(a => CaptureAnnotations.Prefix + a.Key, a => a.Value));

    [Fact]
    public void NoAnnotationsGiveIstiosDefaults()
    {
        var options = CaptureOptions.FromAnnotations(new Dictionary<string, string> { ["app"] = "x" });
        Assert.Equal(new CaptureOptions(), options);
        Assert.True(options.IncludeInboundPorts.IsAll);
        Assert.True(options.IncludeOutboundIPRanges.IsAll);
        Assert.Equal((1337, 1337, 15006, 15001), (options.ProxyUid, options.ProxyGid, options.InboundCapturePort, options.OutboundCapturePort));
    }

    [Fact]
    public void ListsAreCommaSeparatedTrimmedAndDeduplicated()
    {
        var options = Read(("includeInboundPorts", " 8080, 9090,,8080 "), ("excludeOutboundIPRanges", "169.254.169.254/32, 10.1.2.3/8"));
        Assert.Equal([8080, 9090], options.IncludeInboundPorts.Ports);
        Assert.Equal([IPNetwork.Parse("169.254.169.254/32"), IPNetwork.Parse("10.0.0.0/8")], options.ExcludeOutboundIPRanges.Ranges);
    }

    [Fact]
    public void WildcardMeansAllAndEmptyMeansNone()
    {
        var options = Read(("includeInboundPorts", ""), ("includeOutboundIPRanges", "*"));
        Assert.True(options.IncludeInboundPorts.IsEmpty);
        Assert.True(options.IncludeOutboundIPRanges.IsAll);
        Assert.True(Read(("includeOutboundIPRanges", " ")).IncludeOutboundIPRanges.IsEmpty);
    }

    [Fact]
    public void AnnotationsOverrideTheGivenDefaultsOnly()
    {
        var defaults = new CaptureOptions { ProxyUid = 2000, ExcludeOutboundPorts = PortSet.Of(22) };
        var options = CaptureOptions.FromAnnotations(new Dictionary<string, string> { [CaptureAnnotations.IncludeOutboundPorts] = "5432" }, defaults);
        Assert.Equal(2000, options.ProxyUid);
        Assert.Equal([22], options.ExcludeOutboundPorts.Ports);
        Assert.Equal([5432], options.IncludeOutboundPorts.Ports);
    }

    [Fact]
    public void EveryBadValueIsReportedWithItsAnnotation()
    {
        var error = Assert.Throws<CaptureAnnotationException>(() => Read(
            ("includeInboundPorts", "8080,http"),
            ("excludeInboundPorts", "0,70000"),
            ("excludeOutboundPorts", "*"),
            ("includeOutboundIPRanges", "10.0.0.0/33,10.0.0.1"),
            ("excludeOutboundIPRanges", "*,10.0.0.0/8"),
            ("excludeInterfaces", "eth1")));
        Assert.Equal(
        [
            (CaptureAnnotations.IncludeInboundPorts, "'http' is not a port (1-65535)"),
            (CaptureAnnotations.ExcludeInboundPorts, "'0' is not a port (1-65535)"),
            (CaptureAnnotations.ExcludeInboundPorts, "'70000' is not a port (1-65535)"),
            (CaptureAnnotations.ExcludeOutboundPorts, "'*' is only allowed in the include annotations"),
            (CaptureAnnotations.IncludeOutboundIPRanges, "'10.0.0.0/33' is not a CIDR range such as 10.0.0.0/8 or fd00::/8"),
            (CaptureAnnotations.IncludeOutboundIPRanges, "'10.0.0.1' is not a CIDR range such as 10.0.0.0/8 or fd00::/8"),
            (CaptureAnnotations.ExcludeOutboundIPRanges, "'*' is only allowed in the include annotations"),
            (CaptureAnnotations.Prefix + "excludeInterfaces", "is not supported by Switchboard yet; remove it or capture all interfaces"),
        ], error.Errors.Select(e => (e.Annotation, e.Problem)));
        Assert.Contains("annotation traffic.sidecar.istio.io/includeInboundPorts=\"8080,http\": 'http' is not a port", error.Message);
    }

    [Fact]
    public void OptionsWithTheSameSettingsAreEqual()
    {
        var annotations = new Dictionary<string, string> { [CaptureAnnotations.IncludeInboundPorts] = "80,443", [CaptureAnnotations.ExcludeOutboundIPRanges] = "10.0.0.0/8" };
        Assert.Equal(CaptureOptions.FromAnnotations(annotations), CaptureOptions.FromAnnotations(annotations));
        Assert.NotEqual(CaptureOptions.FromAnnotations(annotations), new CaptureOptions());
    }

    [Fact]
    public void WildcardMustStandAlone()
    {
        var error = Assert.Throws<CaptureAnnotationException>(() => Read(("includeInboundPorts", "*,8080")));
        Assert.Equal("'*' must be the only entry", Assert.Single(error.Errors).Problem);
    }

    [Theory]
    [InlineData("includeOutboundIPRanges=10.0.0.0/8,172.16.0.0/12,excludeOutboundPorts=22", "includeOutboundIPRanges", "10.0.0.0/8,172.16.0.0/12")]
    [InlineData("traffic.sidecar.istio.io/excludeOutboundPorts=22", "excludeOutboundPorts", "22")]
    [InlineData("includeInboundPorts=", "includeInboundPorts", "")]
    public void CommandLineListsKeepCommasInsideValues(string text, string key, string value)
    {
        var annotations = AnnotationList.Parse([text]);
        Assert.Equal(value, annotations[CaptureAnnotations.Prefix + key]);
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData(",a=b")]
    [InlineData("=5")]
    public void CommandLineListsWithoutKeysAreErrors(string text) =>
        Assert.Throws<FormatException>(() => AnnotationList.Parse([text]));
}
