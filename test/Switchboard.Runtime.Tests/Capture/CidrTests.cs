using Switchboard.Runtime.Capture;

namespace Switchboard.Runtime.Tests.Capture;

/// <summary>CIDR parsing for the IP range annotations: strict about form, lenient (like Go and iptables) about host bits.</summary>
public sealed class CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("198.19.0.7/32", "198.19.0.7/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("fd00::1/8", "fd00::/8")]
    [InlineData("::/0", "::/0")]
    public void ValidRangesAreNormalized(string text, string expected)
    {
        Assert.True(Cidr.TryParse(text, out var network));
        Assert.Equal(expected, CaptureRules.Format(network));
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10/8")]
    [InlineData("10.0.0/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/ 8")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("::/129")]
    [InlineData("/8")]
    [InlineData("example.com/8")]
    public void MalformedRangesAreRejected(string text) => Assert.False(Cidr.TryParse(text, out _));
}
