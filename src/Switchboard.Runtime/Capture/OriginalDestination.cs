using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Runtime.Capture;

/// <summary>
/// Where a connection REDIRECTed by the capture rules was really going: Linux's <c>getsockopt(SO_ORIGINAL_DST)</c> on the accepted
/// socket, which asks conntrack for the destination before NAT (DESIGN §3, step 2 of §5).
/// </summary>
public static class OriginalDestination
{
    // <linux/in.h> SOL_IP = 0 and <linux/netfilter_ipv4.h> SO_ORIGINAL_DST = 80; <linux/in6.h> SOL_IPV6 = 41 and
    // <linux/netfilter_ipv6/ip6_tables.h> IP6T_SO_ORIGINAL_DST = 80.
    private const int SolIp = 0;
    private const int SolIpv6 = 41;
    private const int SoOriginalDst = 80;
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    /// <summary>
    /// The pre-NAT destination of an accepted TCP socket, or null when there is none to read: not Linux, no conntrack entry
    /// (the connection was not NATed and conntrack is not loaded), or the socket is closed. For a connection that was not
    /// redirected but is tracked, the kernel answers with the socket's own local address, which callers can compare with
    /// <see cref="Socket.LocalEndPoint"/>.
    /// </summary>
    public static IPEndPoint? Get(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!OperatingSystem.IsLinux()) return null;
        // An IPv4 connection accepted on a dual-stack IPv6 socket is tracked by the IPv4 conntrack, so ask at SOL_IP.
        var ipv4 = socket.AddressFamily == AddressFamily.InterNetwork
            || socket.LocalEndPoint is IPEndPoint { Address.IsIPv4MappedToIPv6: true };
        Span<byte> buffer = stackalloc byte[28]; // sizeof(struct sockaddr_in6); sockaddr_in is 16
        int length;
        try
        {
            length = socket.GetRawSocketOption(ipv4 ? SolIp : SolIpv6, SoOriginalDst, buffer);
        }
        catch (SocketException)
        {
            return null; // ENOENT: conntrack has no entry for this connection.
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
        return Parse(buffer[..length]);
    }

    /// <summary>Decodes a <c>sockaddr_in</c> or <c>sockaddr_in6</c>: family in host byte order, port and address in network order.</summary>
    internal static IPEndPoint? Parse(ReadOnlySpan<byte> sockaddr)
    {
        if (sockaddr.Length < 2) return null;
        var family = BitConverter.ToUInt16(sockaddr);
        if (family == AfInet && sockaddr.Length >= 8)
            return new IPEndPoint(new IPAddress(sockaddr.Slice(4, 4)), BinaryPrimitives.ReadUInt16BigEndian(sockaddr[2..]));
        if (family == AfInet6 && sockaddr.Length >= 28)
        {
            var scope = BitConverter.ToUInt32(sockaddr[24..]);
            return new IPEndPoint(new IPAddress(sockaddr.Slice(8, 16), scope), BinaryPrimitives.ReadUInt16BigEndian(sockaddr[2..]));
        }
        return null;
    }
}
