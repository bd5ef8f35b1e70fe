using System.Buffers.Binary;
using System.Text;

namespace Switchboard.Proxy.Outbound;

/// <summary>
/// Reads the server name (SNI) from a TLS ClientHello without terminating TLS, as Envoy's tls_inspector does, so opaque
/// TLS can be logged and routed by the name the client asked for. Layout (RFC 8446 §4.1.2, RFC 6066 §3): a handshake
/// record (5-byte header), the ClientHello header (4), version (2), random (32), session id, cipher suites, compression
/// methods, then extensions, of which <c>server_name</c> (type 0) holds a list with one <c>host_name</c> (type 0).
/// Only the first record is read: a ClientHello is one record in practice (at most 16 KiB), and its SNI is near the start.
/// </summary>
internal static class ClientHello
{
    /// <summary>A TLS record header plus the largest plaintext record (RFC 8446 §5.1): the most we ever wait for.</summary>
    public const int MaxRecord = 5 + 16384;

    /// <summary>The outcome of reading the bytes seen so far: wait for more, or done (with the SNI when there is one).</summary>
    public readonly record struct Result(bool Complete, string? ServerName);

    public static Result Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 5) return new(false, null);
        var recordLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[3..]);
        if (bytes.Length < 5 + recordLength) return new(false, null);
        return new(true, ServerName(bytes.Slice(5, recordLength)));
    }

    private static string? ServerName(ReadOnlySpan<byte> handshake)
    {
        // type (1) + length (3) + legacy_version (2) + random (32)
        var at = 4 + 2 + 32;
        if (handshake.Length < at + 1 || handshake[0] != 0x01) return null;
        at += 1 + handshake[at]; // session id
        if (!Skip16(handshake, ref at)) return null; // cipher suites
        if (at >= handshake.Length) return null;
        at += 1 + handshake[at]; // compression methods
        if (at + 2 > handshake.Length) return null;
        var end = Math.Min(handshake.Length, at + 2 + BinaryPrimitives.ReadUInt16BigEndian(handshake[at..]));
        at += 2;
        while (at + 4 <= end)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(handshake[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(handshake[(at + 2)..]);
            at += 4;
            if (at + length > end) return null;
            if (type == 0) return HostName(handshake.Slice(at, length));
            at += length;
        }
        return null;
    }

    /// <summary>server_name_list: length (2), then entries of name_type (1), length (2), name; the host_name entry is type 0.</summary>
    private static string? HostName(ReadOnlySpan<byte> extension)
    {
        if (extension.Length < 5 || extension[2] != 0) return null;
        var length = BinaryPrimitives.ReadUInt16BigEndian(extension[3..]);
        if (5 + length > extension.Length || length == 0) return null;
        var name = extension.Slice(5, length);
        // A host name is ASCII letters, digits, hyphens and dots (RFC 6066 §3: no trailing dot, no IP literals); anything else is not logged or routed on.
        foreach (var b in name)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_')) return null;
        }
        return Encoding.ASCII.GetString(name).ToLowerInvariant();
    }

    private static bool Skip16(ReadOnlySpan<byte> bytes, ref int at)
    {
        if (at + 2 > bytes.Length) return false;
        at += 2 + BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
        return at <= bytes.Length;
    }
}
