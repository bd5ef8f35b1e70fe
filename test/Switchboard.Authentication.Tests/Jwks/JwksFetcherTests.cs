using System.Net;
using Switchboard.Authentication.Config;
using Switchboard.Authentication.Jwks;
using Switchboard.Authentication.Tests.Support;

namespace Switchboard.Authentication.Tests.Jwks;

public sealed class JwksFetcherTests : IAsyncLifetime
{
    private static readonly TestKey Key = TestKey.Ec();
    private JwksServer _server = null!;

    public async Task InitializeAsync() => _server = await JwksServer.StartAsync(Key.JwksJson());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static JwksFetcher Fetcher(bool allowPrivate, int maxBytes = 256 * 1024, TimeSpan? timeout = null)
    {
        var options = new JwksFetcherOptions { AllowPrivate = allowPrivate, MaxResponseBytes = maxBytes, Timeout = timeout ?? TimeSpan.FromSeconds(5) };
        return new JwksFetcher(JwksFetcher.CreateClient(options), options, TimeProvider.System);
    }

    [Fact]
    public async Task Fetches_a_jwks_from_a_local_server_when_allowed()
    {
        var result = await Fetcher(allowPrivate: true).FetchAsync(_server.Url("/jwks"));
        Assert.Null(result.Error);
        Assert.Equal(Key.JwksJson(), result.Jwks);
    }

    [Fact]
    public async Task Follows_OpenID_discovery_to_the_jwks()
    {
        var result = await Fetcher(allowPrivate: true).FetchAsync(new JwksSource(_server.Url("/.well-known/openid-configuration"), true, TimeSpan.FromSeconds(5)));
        Assert.Equal(Key.JwksJson(), result.Jwks);
    }

    [Theory]
    [InlineData("/big", "larger than")]
    [InlineData("/big-chunked", "larger than")]
    [InlineData("/500", "HTTP 500")]
    [InlineData("/html", "not valid JSON")]
    [InlineData("/redirect", "HTTP 302")]
    public async Task Bad_responses_are_errors(string path, string expected)
    {
        var result = await Fetcher(allowPrivate: true).FetchAsync(_server.Url(path));
        Assert.Null(result.Jwks);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public async Task A_slow_server_times_out()
    {
        var result = await Fetcher(allowPrivate: true, timeout: TimeSpan.FromMilliseconds(300)).FetchAsync(_server.Url("/slow"));
        Assert.Contains("timed out", result.Error);
    }

    [Theory]
    [InlineData("https://127.0.0.1:{port}/jwks")]
    [InlineData("https://127.0.0.2/jwks")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]:{port}/jwks")]
    [InlineData("https://[::ffff:127.0.0.1]:{port}/jwks")]
    [InlineData("https://[fd00:ec2::254]/")]
    [InlineData("https://0.0.0.0:{port}/jwks")]
    public async Task Private_addresses_are_refused_without_the_option(string template)
    {
        var result = await Fetcher(allowPrivate: false).FetchAsync(template.Replace("{port}", _server.Port.ToString()));
        Assert.Contains("loopback, link-local, unspecified or metadata", result.Error);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_at_connect()
    {
        // Resolved and checked in the connect step itself: the address checked is the one dialled (no DNS rebinding).
        var result = await Fetcher(allowPrivate: false).FetchAsync($"https://localhost:{_server.Port}/jwks");
        Assert.Contains("resolves to", result.Error);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task Plain_http_needs_the_option()
    {
        var result = await Fetcher(allowPrivate: false).FetchAsync("http://idp.example.com/jwks");
        Assert.Contains("only https", result.Error);
        Assert.Contains("not an absolute URI", (await Fetcher(false).FetchAsync("idp.example.com/jwks")).Error);
        Assert.Contains("only https", (await Fetcher(false).FetchAsync("file:///etc/passwd")).Error);
    }

    [Theory]
    [InlineData("127.0.0.1", true), InlineData("127.255.0.9", true), InlineData("0.0.0.0", true), InlineData("169.254.169.254", true)]
    [InlineData("169.254.1.1", true), InlineData("::1", true), InlineData("::", true), InlineData("fe80::1", true), InlineData("fd00:ec2::254", true)]
    [InlineData("::ffff:169.254.169.254", true), InlineData("10.0.0.1", false), InlineData("192.168.1.1", false), InlineData("8.8.8.8", false)]
    [InlineData("2001:db8::1", false), InlineData("fd00:ec2::253", false)]
    public void Blocked_address_table(string address, bool blocked) => Assert.Equal(blocked, BlockedAddresses.IsBlocked(IPAddress.Parse(address)));
}
