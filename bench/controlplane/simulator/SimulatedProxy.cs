using Grpc.Core;
using Switchboard.Discovery;
using Switchboard.Discovery.Protocol;

namespace Switchboard.Bench.ControlPlane;

/// <summary>
/// A lightweight client of the real discovery protocol: names a workload, ACKs every response at once (it does not
/// decode the resources), and records per type when the last response arrived and how many bytes came.
/// </summary>
public sealed class SimulatedProxy(string ns, string workload)
{
    private readonly long[] _ackedAt = new long[ResourceTypes.PushOrder.Count];
    private long _bytes;

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>When the last response of <paramref name="type"/> was ACKed (Stopwatch timestamp; 0: never).</summary>
    public long AckedAt(string type) => Volatile.Read(ref _ackedAt[Index(type)]);

    public bool HasEveryType => ResourceTypes.PushOrder.All(t => AckedAt(t) != 0);

    public async Task RunAsync(AggregatedDiscovery.AggregatedDiscoveryClient client, CancellationToken token)
    {
        using var call = client.Stream(cancellationToken: token);
        await call.RequestStream.WriteAsync(new DiscoveryRequest { Node = new Node { Namespace = ns, Workload = workload } }, token);
        try
        {
            await foreach (var response in call.ResponseStream.ReadAllAsync(token))
            {
                Interlocked.Add(ref _bytes, response.CalculateSize());
                await call.RequestStream.WriteAsync(new DiscoveryRequest { TypeUrl = response.TypeUrl, ResponseNonce = response.Nonce, VersionInfo = response.VersionInfo }, token);
                Volatile.Write(ref _ackedAt[Index(response.TypeUrl)], System.Diagnostics.Stopwatch.GetTimestamp());
            }
        }
        catch (RpcException) when (token.IsCancellationRequested)
        {
            // the run is over
        }
        catch (OperationCanceledException)
        {
            // the run is over
        }
    }

    private static int Index(string type)
    {
        for (var i = 0; i < ResourceTypes.PushOrder.Count; i++) if (ResourceTypes.PushOrder[i] == type) return i;
        throw new ArgumentException($"unknown type {type}");
    }
}
