using System.Diagnostics;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// Both sides' tracing for one <see cref="ProxyConfig"/>, compiled once when the config changes (not per request):
/// the pipelines the config needs are made live, the ones it no longer needs retired.
/// </summary>
internal sealed record TracingSides(ProxyConfig Source, TracingSide? Client, TracingSide? Server)
{
    public TracingSide? For(ActivityKind kind) => kind == ActivityKind.Server ? Server : Client;

    public static TracingSides Compile(ProxyConfig source, ExportPipelines pipelines, string meshId, Func<string, string?> environment)
    {
        var node = source.Node;
        var service = WorkloadNames.TracingService(node);
        var (client, server) = (source.Telemetry.ClientTracing, source.Telemetry.ServerTracing);
        var wanted = new HashSet<ExportTarget>();
        foreach (var policy in new[] { client, server })
        {
            if (policy is { DisableSpanReporting: false }) wanted.Add(ExportTarget.Of(policy, service));
        }
        var live = pipelines.Reconcile(wanted);
        // What Envoy and Istio's stats filter put on every span of a sidecar.
        KeyValuePair<string, object?>[] proxyTags =
        [
            new("component", "proxy"),
            new("node_id", WorkloadNames.NodeId(node)),
            new("istio.canonical_service", WorkloadNames.CanonicalService(node)),
            new("istio.canonical_revision", WorkloadNames.CanonicalRevision(node.Labels)),
            new("istio.namespace", node.Namespace),
            new("istio.mesh_id", meshId),
        ];
        TracingSide? Side(TracingPolicy? policy, ActivityKind kind)
        {
            if (policy is null) return null;
            var custom = CustomTags.Compile(policy.CustomTags, environment);
            var pipeline = policy.DisableSpanReporting ? null : live.GetValueOrDefault(ExportTarget.Of(policy, service));
            return new TracingSide(policy, kind, pipeline, node.Namespace, [.. proxyTags, .. custom.Fixed], custom);
        }
        return new TracingSides(source, Side(client, ActivityKind.Client), Side(server, ActivityKind.Server));
    }
}
