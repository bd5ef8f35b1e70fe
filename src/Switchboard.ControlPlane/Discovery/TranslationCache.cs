using System.Collections.Concurrent;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Translate;

namespace Switchboard.ControlPlane.Discovery;

/// <summary>
/// Translation depends on a proxy's namespace and labels only (scope, Sidecar, sourceLabels, DR workload
/// selectors), so proxies of the same shape — every replica of a Deployment — share one translation per
/// snapshot; only <see cref="ProxyConfig.Node"/> is theirs. A new snapshot starts a new cache.
/// </summary>
public sealed class TranslationCache(MeshSnapshot snapshot)
{
    private readonly ConcurrentDictionary<string, ProxyConfig> _byShape = new(StringComparer.Ordinal);

    public MeshSnapshot Snapshot { get; } = snapshot;

    public ProxyConfig For(ProxyNode node)
    {
        var shape = node.Namespace + "|" + Selector.Format(node.Labels);
        return _byShape.GetOrAdd(shape, _ => Translator.Translate(Snapshot, node)) with { Node = node };
    }
}
