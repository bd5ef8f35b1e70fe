using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Switchboard.Proxy.Gateway;

/// <summary>
/// Reads the server name (SNI, RFC 6066 §3) from a TLS ClientHello without consuming it, so the connection can still
/// be terminated here or passed through untouched. Only the first record is read: a ClientHello that does not fit one
/// record (16 KiB) is treated as having no name.
/// </summary>
internal static class ClientHello
{
    /// <summary>The largest first record we wait for: a TLS record's maximum plaintext length plus its header.</summary>
    public const int MaxRecord = 5 + 16384;

    public enum Status { NeedMore, NotTls, Parsed }

    /// <summary>Parses <paramref name="data"/> (the connection's first bytes); <paramref name="serverName"/> is null when there is no SNI.</summary>
    public static Status TryRead(ReadOnlySequence<byte> data, out string? serverName)
    {
        serverName = null;
        if (data.Length < 5) return data.Length > 0 && data.FirstSpan[0] != 0x16 ? Status.NotTls : Status.NeedMore;
        Span<byte> header = stackalloc byte[5];
        data.Slice(0, 5).CopyTo(header);
        if (header[0] != 0x16 || header[1] != 3) return Status.NotTls;
        var length = BinaryPrimitives.ReadUInt16BigEndian(header[3..]);
        if (data.Length < 5 + length) return Status.NeedMore;
        var record = data.Slice(5, length).ToArray();
        serverName = ServerName(record);
        return Status.Parsed;
    }

    private static string? ServerName(ReadOnlySpan<byte> hello)
    {
        // handshake type 1 (client_hello), 3-byte length, version (2), random (32)
        if (hello.Length < 38 || hello[0] != 1) return null;
        var at = 38;
        if (!Skip(hello, ref at, 1)) return null; // session id
        if (!Skip(hello, ref at, 2)) return null; // cipher suites
        if (!Skip(hello, ref at, 1)) return null; // compression methods
        if (at + 2 > hello.Length) return null;
        var end = Math.Min(hello.Length, at + 2 + BinaryPrimitives.ReadUInt16BigEndian(hello[at..]));
        at += 2;
        while (at + 4 <= end)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(hello[at..]);
            var size = BinaryPrimitives.ReadUInt16BigEndian(hello[(at + 2)..]);
            at += 4;
            if (at + size > end) return null;
            if (type == 0) return HostName(hello.Slice(at, size));
            at += size;
        }
        return null;
    }

    /// <summary>The host_name entry of a server_name extension (lower case), or null.</summary>
    private static string? HostName(ReadOnlySpan<byte> extension)
    {
        if (extension.Length < 2) return null;
        var at = 2;
        while (at + 3 <= extension.Length)
        {
            var kind = extension[at];
            var size = BinaryPrimitives.ReadUInt16BigEndian(extension[(at + 1)..]);
            at += 3;
            if (at + size > extension.Length) return null;
            if (kind == 0)
            {
                var name = extension.Slice(at, size);
                // A host name is printable ASCII without NUL; anything else is no name at all, never a partial one.
                foreach (var b in name)
                {
                    if (b is <= 0x20 or >= 0x7f) return null;
                }
                return Encoding.ASCII.GetString(name).ToLowerInvariant();
            }
            at += size;
        }
        return null;
    }

    /// <summary>Skips a vector with a length prefix of <paramref name="prefix"/> bytes.</summary>
    private static bool Skip(ReadOnlySpan<byte> data, ref int at, int prefix)
    {
        if (at + prefix > data.Length) return false;
        var length = prefix == 1 ? data[at] : BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
        at += prefix + length;
        return at <= data.Length;
    }
}
