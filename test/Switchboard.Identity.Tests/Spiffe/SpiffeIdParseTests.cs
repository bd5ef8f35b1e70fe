using Switchboard.Identity.Spiffe;

namespace Switchboard.Identity.Tests.Spiffe;

/// <summary>SPIFFE-ID §2 rules applied to received text, byte for byte (security-and-reliability.md §4.1).</summary>
public sealed class SpiffeIdParseTests
{
    [Theory]
    [InlineData("spiffe://cluster.local/ns/foo/sa/bar", "cluster.local", "foo", "bar")]
    [InlineData("spiffe://td-1.example_x/ns/Foo.Bar/sa/A-b_c", "td-1.example_x", "Foo.Bar", "A-b_c")]
    public void Parses_workload_ids(string text, string trustDomain, string ns, string sa)
    {
        Assert.True(SpiffeId.TryParse(text, out var id, out var error));

        Assert.Equal(SpiffeIdError.None, error);
        Assert.Equal(trustDomain, id.TrustDomain);
        Assert.Equal(new WorkloadIdentity(ns, sa), id.Workload);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData(null, SpiffeIdError.NotSpiffeScheme)]
    [InlineData("", SpiffeIdError.NotSpiffeScheme)]
    [InlineData("https://cluster.local/ns/foo/sa/bar", SpiffeIdError.NotSpiffeScheme)]
    [InlineData("spiffe:/cluster.local/ns/foo/sa/bar", SpiffeIdError.NotSpiffeScheme)]
    [InlineData("Spiffe://cluster.local/ns/foo/sa/bar", SpiffeIdError.NotSpiffeScheme)]
    [InlineData("spiffe:///ns/foo/sa/bar", SpiffeIdError.InvalidTrustDomain)]
    [InlineData("spiffe://Cluster.local/ns/foo/sa/bar", SpiffeIdError.InvalidTrustDomain)]
    [InlineData("spiffe://cluster.local:8080/ns/foo/sa/bar", SpiffeIdError.InvalidTrustDomain)]
    [InlineData("spiffe://u@cluster.local/ns/foo/sa/bar", SpiffeIdError.InvalidTrustDomain)]
    [InlineData("spiffe://cluster%2elocal/ns/foo/sa/bar", SpiffeIdError.InvalidTrustDomain)]
    [InlineData("spiffe://cluster.local?x/ns/foo/sa/bar", SpiffeIdError.InvalidTrustDomain)]
    [InlineData("spiffe://cluster.local", SpiffeIdError.MissingPath)]
    [InlineData("spiffe://cluster.local/", SpiffeIdError.InvalidPath)]
    [InlineData("spiffe://cluster.local/ns/foo/sa/bar/", SpiffeIdError.InvalidPath)]
    [InlineData("spiffe://cluster.local/ns//sa/bar", SpiffeIdError.InvalidPath)]
    [InlineData("spiffe://cluster.local/ns/./sa/bar", SpiffeIdError.InvalidPath)]
    [InlineData("spiffe://cluster.local/ns/../sa/bar", SpiffeIdError.InvalidPath)]
    [InlineData("spiffe://cluster.local/ns/%2e%2e/sa/bar", SpiffeIdError.InvalidPath)]
    [InlineData("spiffe://cluster.local/ns/foo/sa/bar#frag", SpiffeIdError.InvalidPath)]
    [InlineData("spiffe://cluster.local/ns/foo/sa/bar?q", SpiffeIdError.InvalidPath)]
    [InlineData("spiffe://cluster.local/ns/fo o/sa/bar", SpiffeIdError.InvalidPath)]
    [InlineData("spiffe://cluster.local/payments", SpiffeIdError.NotWorkloadPath)]
    [InlineData("spiffe://cluster.local/ns/foo/sa/bar/extra", SpiffeIdError.NotWorkloadPath)]
    [InlineData("spiffe://cluster.local/NS/foo/SA/bar", SpiffeIdError.NotWorkloadPath)]
    public void Refuses_with_the_rule_broken(string? text, SpiffeIdError expected)
    {
        Assert.False(SpiffeId.TryParse(text, out var id, out var error));

        Assert.Equal(expected, error);
        Assert.Null(id);
    }

    [Fact]
    public void Refuses_ids_longer_than_2048_bytes()
    {
        var prefix = "spiffe://cluster.local/ns/foo/sa/";
        var longest = prefix + new string('a', SpiffeId.MaxLength - prefix.Length);

        Assert.True(SpiffeId.TryParse(longest, out _, out _));
        Assert.False(SpiffeId.TryParse(longest + "a", out _, out var error));
        Assert.Equal(SpiffeIdError.TooLong, error);
    }
}
