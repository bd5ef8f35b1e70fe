using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Switchboard.Discovery;
using Switchboard.Discovery.Protocol;
using Switchboard.Proxy.Runtime;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Config;

/// <summary>
/// Dynamic mode: the proxy's side of the discovery stream.
/// 1. connect, name the workload;
/// 2. for each response, apply its resources (changed, removed, or a whole type) to a copy of what is held and
///    install the config they make; ACK with the new version if it was accepted, NACK with the error (and the old
///    version) if not — the old config keeps serving and what is held stays as it was;
/// 3. when the stream breaks (control plane gone), keep serving and reconnect with jittered exponential
///    backoff (100 ms doubling to 5 s); a restarted control plane re-syncs the proxy from scratch.
/// </summary>
internal sealed class DiscoveryClient(string address, ProxyNode self, ConfigHolder holder, RandomSource random, ILogger logger, string adminUrl = "",
    ControlPlaneConnection? secure = null, string metricsUrl = "")
{
    private readonly Dictionary<string, string> _versions = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // A fresh channel per attempt: our own backoff decides when to retry, not the channel's.
                using var channel = secure?.Channel(address) ?? GrpcChannel.ForAddress(address);
                await StreamAsync(new AggregatedDiscovery.AggregatedDiscoveryClient(channel), stopping);
                backoff = TimeSpan.FromMilliseconds(100);
            }
            catch (Exception ex) when (ex is RpcException or IOException or HttpRequestException or InvalidOperationException && !stopping.IsCancellationRequested)
            {
                logger.LogWarning("discovery stream to {Address} lost ({Error}); serving the last config, reconnecting", address, ex.Message);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            var wait = TimeSpan.FromMilliseconds(backoff.TotalMilliseconds * (0.5 + random.NextDouble() / 2));
            try
            {
                await Task.Delay(wait, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 5000));
        }
    }

    private async Task StreamAsync(AggregatedDiscovery.AggregatedDiscoveryClient client, CancellationToken stopping)
    {
        using var call = client.Stream(secure?.Headers(), cancellationToken: stopping);
        // Over TLS the token names our service account; claiming one here could only disagree with it.
        var node = new Node { Namespace = self.Namespace, Workload = self.Workload, ServiceAccount = secure is null ? self.ServiceAccount : "", Ip = self.Ip ?? "", Admin = adminUrl, Metrics = metricsUrl,
            Role = self.Role == ProxyRole.Gateway ? "gateway" : "" };
        foreach (var (key, value) in self.Labels) node.Labels[key] = value;
        await call.RequestStream.WriteAsync(new DiscoveryRequest { Node = node }, stopping);
        // A new stream re-sends every type whole (replace); until then the proxy keeps serving what it has.
        var held = holder.Current?.Source is { } serving ? HeldResources.From(serving) : HeldResources.Empty;
        while (await call.ResponseStream.MoveNext(stopping))
        {
            var response = call.ResponseStream.Current;
            string? error;
            try
            {
                var next = held.Apply(response);
                // A new proxy waits for every type before its first config (and readiness): half a config would 404.
                var install = holder.Current is not null || next.Complete;
                error = !install || holder.TryApply(next.ToConfig(self)) ? null : holder.LastError ?? "rejected";
                if (error is null) held = next;
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidDataException or Google.Protobuf.InvalidProtocolBufferException)
            {
                error = $"cannot decode {response.TypeUrl}: {ex.Message}";
            }
            if (error is null) _versions[response.TypeUrl] = response.VersionInfo;
            else logger.LogError("rejected {Type} version {Version}: {Error}", response.TypeUrl, response.VersionInfo, error);
            await call.RequestStream.WriteAsync(new DiscoveryRequest
            {
                TypeUrl = response.TypeUrl,
                ResponseNonce = response.Nonce,
                VersionInfo = _versions.GetValueOrDefault(response.TypeUrl, ""),
                ErrorDetail = error ?? "",
            }, stopping);
        }
    }
}
