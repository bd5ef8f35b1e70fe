using System.Text;
using Switchboard.Proxy.Outbound;

namespace Switchboard.Proxy.Tests.Outbound;

/// <summary>Protocol detection on first bytes: decided only when the bytes can no longer be anything else.</summary>
public sealed class ProtocolSnifferTests
{
    [Theory]
    [InlineData("GET /x HTTP/1.1\r\n", "Http1")]
    [InlineData("POST /api/v1/charge?x=1 HTTP/1.0\r\nHost: a\r\n", "Http1")]
    [InlineData("OPTIONS * HTTP/1.1\r\n", "Http1")]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "Http2")]
    [InlineData("", "Undecided")]
    [InlineData("GE", "Undecided")]
    [InlineData("GET /x HTTP/1.", "Undecided")]
    [InlineData("GET /x HTTP/1.1\r", "Undecided")]
    [InlineData("PRI * HTTP/2.0\r\n", "Undecided")]
    [InlineData("HELLO", "Undecided")]
    [InlineData("get /x HTTP/1.1\r\n", "Opaque")]
    [InlineData("GET /x HTTP/2.0\r\n", "Opaque")]
    [InlineData("GET /x HTTP/1.1\n", "Opaque")]
    [InlineData("GET  /x HTTP/1.1\r\n", "Opaque")]
    [InlineData("QUIT\r\n", "Opaque")]
    [InlineData("SSH-2.0-OpenSSH_9.6\r\n", "Opaque")]
    [InlineData("*1\r\n$4\r\nPING\r\n", "Opaque")]
    [InlineData("PRI * HTTP/1.1\r\n", "Http1")]
    public void Text_first_bytes(string text, string expected) =>
        Assert.Equal(Enum.Parse<SniffedProtocol>(expected), ProtocolSniffer.Classify(Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData(new byte[] { 0x16 }, "Undecided")]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00 }, "Undecided")]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01 }, "Tls")]
    [InlineData(new byte[] { 0x16, 0x03, 0x03, 0x00, 0x40, 0x01, 0x00 }, "Tls")]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x02 }, "Opaque")]
    [InlineData(new byte[] { 0x16, 0x02 }, "Opaque")]
    [InlineData(new byte[] { 0x16, 0x03, 0x09 }, "Opaque")]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x01 }, "Opaque")]
    public void Binary_first_bytes(byte[] bytes, string expected) =>
        Assert.Equal(Enum.Parse<SniffedProtocol>(expected), ProtocolSniffer.Classify(bytes));

    [Fact]
    public void A_request_line_longer_than_the_limit_is_opaque()
    {
        var line = "GET /" + new string('a', ProtocolSniffer.MaxRequestLine);
        Assert.Equal(SniffedProtocol.Opaque, ProtocolSniffer.Classify(Encoding.ASCII.GetBytes(line)));
    }
}
