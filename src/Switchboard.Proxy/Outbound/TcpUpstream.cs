using System.Net.Sockets;
using Switchboard.Proxy.Clusters;

namespace Switchboard.Proxy.Outbound;

/// <summary>
/// The outcome of dialling an opaque-TCP upstream: a connected stream (TLS when the endpoint is in the mesh) or the Envoy
/// flag saying why not (<c>UH</c> no endpoint, <c>UF</c> connect or handshake failed), with what the access log and
/// metrics name: the upstream address and the cluster (<c>PassthroughCluster</c> for an unknown destination).
/// </summary>
internal sealed class TcpUpstream : IAsyncDisposable
{
    private TcpUpstream(string clusterName, string? serviceHost, EndpointRuntime? endpoint, string? upstreamHost, string flags, TcpClient? client, Stream? stream)
    {
        ClusterName = clusterName;
        ServiceHost = serviceHost;
        Endpoint = endpoint;
        UpstreamHost = upstreamHost;
        Flags = flags;
        Client = client;
        Stream = stream;
    }

    public string ClusterName { get; }

    /// <summary>The service the cluster belongs to (metrics' destination_service); null for Passthrough.</summary>
    public string? ServiceHost { get; }

    public EndpointRuntime? Endpoint { get; }
    public string? UpstreamHost { get; }

    /// <summary><c>-</c> when connected, else the failure's response flag.</summary>
    public string Flags { get; }

    public TcpClient? Client { get; }
    public Stream? Stream { get; }
    public bool Connected => Stream is not null;

    public static TcpUpstream Open(string cluster, string? host, EndpointRuntime? endpoint, string upstreamHost, TcpClient client, Stream stream) =>
        new(cluster, host, endpoint, upstreamHost, "-", client, stream);

    public static TcpUpstream Failed(string cluster, string? host, EndpointRuntime? endpoint, string? upstreamHost, string flags) =>
        new(cluster, host, endpoint, upstreamHost, flags, null, null);

    public async ValueTask DisposeAsync()
    {
        if (Stream is not null) await Stream.DisposeAsync();
        Client?.Dispose();
    }
}
