using Grpc.Core;
using Switchboard.Discovery;
using Switchboard.Discovery.Protocol;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.ControlPlane.Discovery;

/// <summary>What was sent to one proxy for one resource type, and what it answered.</summary>
public sealed record TypeState(string? SentVersion, string? SentNonce, string? AckedVersion, string? Error, byte[]? SentPayload);

/// <summary>
/// One connected proxy: its node, its response stream, and per type the last version sent and acknowledged.
/// A type is resent only when its content changed, so a NACKed version is never pushed again in a loop.
/// </summary>
public sealed class ProxyConnection(Node node, IServerStreamWriter<DiscoveryResponse> stream, DiscoveryMetrics metrics)
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<string, TypeState> _types = new(StringComparer.Ordinal);

    public Node Node { get; } = node;
    public string Id => $"{Node.Namespace}/{Node.Workload}";

    public IReadOnlyDictionary<string, TypeState> Types
    {
        get
        {
            lock (_types) return new Dictionary<string, TypeState>(_types);
        }
    }

    /// <summary>Sends, in push order, every type whose content differs from what was last sent.</summary>
    public async Task PushAsync(ProxyConfig config, string version, CancellationToken token)
    {
        await _writeLock.WaitAsync(token);
        try
        {
            foreach (var type in ResourceTypes.PushOrder)
            {
                var payload = WireCodec.Encode(config, type);
                TypeState? previous;
                lock (_types) _types.TryGetValue(type, out previous);
                if (previous?.SentPayload is { } sent && sent.AsSpan().SequenceEqual(payload)) continue;
                var nonce = Guid.NewGuid().ToString("N");
                lock (_types) _types[type] = new TypeState(version, nonce, previous?.AckedVersion, previous?.Error, payload);
                metrics.Pushed(type);
                await stream.WriteAsync(new DiscoveryResponse
                {
                    TypeUrl = type,
                    VersionInfo = version,
                    Nonce = nonce,
                    Resources = Google.Protobuf.ByteString.CopyFrom(payload),
                }, token);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Records an ACK or NACK; answers to a stale nonce are ignored (xDS rule).</summary>
    public void Answer(DiscoveryRequest request)
    {
        lock (_types)
        {
            if (!_types.TryGetValue(request.TypeUrl, out var state) || state.SentNonce != request.ResponseNonce) return;
            if (!string.IsNullOrEmpty(request.ErrorDetail)) metrics.Rejected(request.TypeUrl);
            _types[request.TypeUrl] = string.IsNullOrEmpty(request.ErrorDetail)
                ? state with { AckedVersion = request.VersionInfo, Error = null }
                : state with { Error = request.ErrorDetail };
        }
    }
}
