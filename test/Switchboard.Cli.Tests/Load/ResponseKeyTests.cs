using System.Text;
using Switchboard.Cli.Load;

namespace Switchboard.Cli.Tests.Load;

public sealed class ResponseKeyTests
{
    [Theory]
    [InlineData("payment-service v1 payment-service-v1-5d8-x2k4q", "payment-service v1")]
    [InlineData("payment-service v2 payment-service-v2-9f1-q7w2z injected 503", "payment-service v2")]
    [InlineData("web v1 web-1 -> [200 api v1 api-1]", "web v1")]
    [InlineData("  api   v1  ", "api v1")]
    [InlineData("RBAC: access denied", "RBAC: access")]
    [InlineData("ok", "ok")]
    [InlineData("", ResponseKey.Empty)]
    [InlineData("   ", ResponseKey.Empty)]
    public void The_key_is_the_first_two_words(string firstLine, string key) => Assert.Equal(key, ResponseKey.Of(firstLine));

    [Theory]
    [InlineData("api v1 pod\nsecond line\n", "api v1 pod")]
    [InlineData("api v1 pod\r\n", "api v1 pod")]
    [InlineData("no newline", "no newline")]
    [InlineData("", "")]
    public async Task The_first_line_is_read_from_the_body(string body, string firstLine) =>
        Assert.Equal(firstLine, await ResponseKey.ReadFirstLineAsync(new StringContent(body), CancellationToken.None));

    [Fact]
    public async Task A_long_body_is_read_no_further_than_the_limit()
    {
        var body = new string('a', 100_000);
        var line = await ResponseKey.ReadFirstLineAsync(new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))), CancellationToken.None);
        Assert.Equal(ResponseKey.MaxFirstLine, line.Length);
    }
}
