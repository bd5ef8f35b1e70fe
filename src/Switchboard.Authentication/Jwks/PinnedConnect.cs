using System.Net;
using System.Net.Sockets;

namespace Switchboard.Authentication.Jwks;

/// <summary>
/// The connect step of the JWKS client: resolve once, check every address, then connect to a checked address itself.
/// Checking a name and letting the socket resolve it again would let a DNS answer change between the two (DNS
/// rebinding); here the address that was checked is the address dialled. Any blocked address among the answers refuses
/// the whole host, so a name cannot mix a public address with 127.0.0.1.
/// </summary>
public static class PinnedConnect
{
    /// <summary>The handler a <see cref="JwksFetcher"/>'s <see cref="HttpClient"/> must be built on.</summary>
    public static SocketsHttpHandler CreateHandler(JwksFetcherOptions options) => new()
    {
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, options.AllowPrivate, ct),
        // A proxy would be the address dialled instead of the checked one; a redirect could leave https.
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivate, CancellationToken ct)
    {
        var host = endPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!allowPrivate && addresses.FirstOrDefault(BlockedAddresses.IsBlocked) is { } blocked) throw new JwksAddressBlockedException(host, blocked);
        if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }
}
