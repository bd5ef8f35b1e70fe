using System.Net;
using System.Net.Sockets;
using Switchboard.Runtime.Capture;

namespace Switchboard.Runtime.Tests.Capture;

/// <summary>Decoding what <c>SO_ORIGINAL_DST</c> returns; the end-to-end test reads it from really redirected connections.</summary>
public sealed class OriginalDestinationTests
{
    [Fact]
    public void DecodesSockaddrIn()
    {
        // AF_INET (2, host order), port 8080 (0x1F90, network order), 198.19.0.7, 8 bytes of padding.
        byte[] sockaddr = [.. BitConverter.GetBytes((ushort)2), 0x1F, 0x90, 198, 19, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(IPEndPoint.Parse("198.19.0.7:8080"), OriginalDestination.Parse(sockaddr));
    }

    [Fact]
    public void DecodesSockaddrIn6()
    {
        var address = IPAddress.Parse("fd00::7");
        byte[] sockaddr = [.. BitConverter.GetBytes((ushort)10), 0x1F, 0x90, 0, 0, 0, 0, .. address.GetAddressBytes(), 0, 0, 0, 0];
        Assert.Equal(new IPEndPoint(address, 8080), OriginalDestination.Parse(sockaddr));
    }

    [Fact]
    public void UnknownFamiliesAndShortBuffersGiveNull()
    {
        Assert.Null(OriginalDestination.Parse([]));
        Assert.Null(OriginalDestination.Parse([.. BitConverter.GetBytes((ushort)1), 0, 0]));
        Assert.Null(OriginalDestination.Parse([.. BitConverter.GetBytes((ushort)2), 0x1F, 0x90, 10]));
    }

    [Fact]
    public void AConnectionThatWasNotRedirectedIsNotReportedElsewhere()
    {
        // Without NAT the kernel either has no entry (null) or reports the connection's own destination: never anything else.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using var accepted = listener.Accept();
        var original = OriginalDestination.Get(accepted);
        Assert.True(original is null || original.Equals(accepted.LocalEndPoint), $"got {original}");
    }

    [Fact]
    public void ADisposedSocketGivesNull()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Dispose();
        Assert.Null(OriginalDestination.Get(socket));
    }
}
