using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// Random (version 4) UUIDs for <c>x-request-id</c>, from the kernel's CSPRNG (/dev/urandom) read 4 KB at a time per thread.
/// <see cref="Guid.NewGuid"/> asks the kernel for 16 bytes on every call (in the NativeAOT build a read of /dev/urandom per
/// id: ~2% of the proxy's CPU per request, bench/README.md); one read per 256 ids makes that negligible with the same
/// randomness. /dev/urandom directly rather than <see cref="RandomNumberGenerator"/>, which on Linux loads OpenSSL's
/// libcrypto (4 MB more RSS in a proxy that has no TLS). Bytes handed out are wiped from the buffer.
/// </summary>
internal static class RandomUuids
{
    private const int BufferSize = 4096;

    /// <summary>Open for the process's life; null where there is no /dev/urandom (then <see cref="RandomNumberGenerator"/>).</summary>
    private static readonly SafeFileHandle? Urandom = OpenUrandom();

    [ThreadStatic] private static byte[]? t_buffer;
    [ThreadStatic] private static int t_next;

    public static Guid Next()
    {
        var buffer = t_buffer;
        if (buffer is null || t_next == BufferSize)
        {
            buffer ??= t_buffer = new byte[BufferSize];
            Fill(buffer);
            t_next = 0;
        }
        Span<byte> bytes = stackalloc byte[16];
        var taken = buffer.AsSpan(t_next, 16);
        taken.CopyTo(bytes);
        taken.Clear();
        t_next += 16;
        // Version 4 and the RFC 9562 variant, as Guid.NewGuid marks them. In Guid's byte order the third group is a
        // little-endian short, so its leading hex digit is the high nibble of byte 7.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static void Fill(Span<byte> buffer)
    {
        if (Urandom is null)
        {
            RandomNumberGenerator.Fill(buffer);
            return;
        }
        // A character device: the offset is ignored; a read may return fewer bytes than asked, never zero.
        for (var filled = 0; filled < buffer.Length;)
        {
            var read = RandomAccess.Read(Urandom, buffer[filled..], 0);
            if (read <= 0) throw new IOException("/dev/urandom returned no bytes");
            filled += read;
        }
    }

    private static SafeFileHandle? OpenUrandom()
    {
        try
        {
            return File.OpenHandle("/dev/urandom", FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
