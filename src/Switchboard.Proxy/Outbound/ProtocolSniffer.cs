namespace Switchboard.Proxy.Outbound;

/// <summary>
/// Protocol detection on a captured connection's first bytes (Istio's protocol sniffing, reference §5.5): an HTTP/1.x
/// request line (<c>GET /x HTTP/1.1\r\n</c>), the HTTP/2 connection preface (RFC 9113 §3.4), or a TLS record carrying a
/// ClientHello (RFC 8446 §5.1, §4.1.2); anything that stops being one of those is opaque. A pure function over the bytes
/// seen so far: the caller feeds it more until it decides, or gives up after the detection timeout.
/// </summary>
internal static class ProtocolSniffer
{
    /// <summary>Longest request line we wait for; a longer first line is not an HTTP client we can serve (Kestrel's limit is 8 KiB too).</summary>
    public const int MaxRequestLine = 8192;

    private static readonly byte[] Http2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();
    private static readonly byte[] Http1Version = " HTTP/1."u8.ToArray();

    public static SniffedProtocol Classify(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return SniffedProtocol.Undecided;
        if (bytes[0] == 0x16) return ClassifyTls(bytes);
        // "PRI" is also a valid HTTP/1 method token: the preface is checked first, byte by byte.
        var preface = Math.Min(bytes.Length, Http2Preface.Length);
        if (bytes[..preface].SequenceEqual(Http2Preface.AsSpan(0, preface)))
            return preface == Http2Preface.Length ? SniffedProtocol.Http2 : SniffedProtocol.Undecided;
        return ClassifyRequestLine(bytes);
    }

    /// <summary>Record type 22 (handshake), legacy version 3.x, then a handshake message of type 1 (ClientHello).</summary>
    private static SniffedProtocol ClassifyTls(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 1 && bytes[1] != 0x03) return SniffedProtocol.Opaque;
        if (bytes.Length > 2 && bytes[2] > 0x04) return SniffedProtocol.Opaque;
        if (bytes.Length < 6) return SniffedProtocol.Undecided;
        return bytes[5] == 0x01 ? SniffedProtocol.Tls : SniffedProtocol.Opaque;
    }

    /// <summary>
    /// <c>method SP request-target SP HTTP/1.x CRLF</c> (RFC 9112 §3): the method an upper-case token, the target visible
    /// ASCII; decided only on the whole line, so a binary protocol that happens to start with letters is not taken for HTTP.
    /// </summary>
    private static SniffedProtocol ClassifyRequestLine(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length && bytes[i] is >= (byte)'A' and <= (byte)'Z') i++;
        if (i == bytes.Length) return i <= 20 ? SniffedProtocol.Undecided : SniffedProtocol.Opaque;
        if (i == 0 || i > 20 || bytes[i] != ' ') return SniffedProtocol.Opaque;
        var targetStart = ++i;
        while (i < bytes.Length && bytes[i] is > 0x20 and < 0x7f) i++;
        if (i == bytes.Length) return i < MaxRequestLine ? SniffedProtocol.Undecided : SniffedProtocol.Opaque;
        if (i == targetStart || bytes[i] != ' ') return SniffedProtocol.Opaque;
        // " HTTP/1." then one digit, CR, LF.
        var rest = bytes[i..];
        var version = Math.Min(rest.Length, Http1Version.Length);
        if (!rest[..version].SequenceEqual(Http1Version.AsSpan(0, version))) return SniffedProtocol.Opaque;
        if (rest.Length <= Http1Version.Length) return SniffedProtocol.Undecided;
        if (rest[Http1Version.Length] is not ((byte)'0' or (byte)'1')) return SniffedProtocol.Opaque;
        if (rest.Length == Http1Version.Length + 1) return SniffedProtocol.Undecided;
        if (rest[Http1Version.Length + 1] != '\r') return SniffedProtocol.Opaque;
        if (rest.Length == Http1Version.Length + 2) return SniffedProtocol.Undecided;
        return rest[Http1Version.Length + 2] == '\n' ? SniffedProtocol.Http1 : SniffedProtocol.Opaque;
    }
}
