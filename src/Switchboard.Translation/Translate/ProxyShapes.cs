using System.Text;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Which proxies get the same translation. Beyond its namespace, a proxy's labels matter to translation in only
/// three places: a Sidecar's workloadSelector and a DestinationRule's workloadSelector (both in its namespace), and
/// VirtualService match <c>sourceLabels</c>. Two proxies of a namespace that match the same of those selectors are
/// translated alike, so a namespace of a thousand workloads with no such selectors is translated once, not a
/// thousand times. Keep this in step with what <see cref="Translator"/> reads from <see cref="ProxyNode.Labels"/>.
/// </summary>
public sealed class ProxyShapes
{
    private readonly IReadOnlyList<IReadOnlyDictionary<string, string>> _sourceLabels;
    private readonly MeshSnapshot _snapshot;

    public ProxyShapes(MeshSnapshot snapshot)
    {
        _snapshot = snapshot;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var selectors = new List<IReadOnlyDictionary<string, string>>();
        foreach (var vs in snapshot.VirtualServices)
        {
            var spec = vs.Spec;
            var all = spec.Http.SelectMany(h => h.Match.Select(m => m.SourceLabels))
                .Concat(spec.Tcp.SelectMany(t => t.Match.Select(m => m.SourceLabels)))
                .Concat(spec.Tls.SelectMany(t => t.Match.Select(m => m.SourceLabels)));
            foreach (var labels in all)
            {
                if (labels.Count > 0 && seen.Add(Selector.Format(labels))) selectors.Add(labels);
            }
        }
        _sourceLabels = selectors;
    }

    /// <summary>The shape of <paramref name="node"/>: equal keys, equal translations (but for the node itself).</summary>
    public string KeyFor(ProxyNode node)
    {
        // A gateway's listeners depend on its labels (Gateway and Service selectors) and its own ports: each is its own shape.
        if (node.Role == ProxyRole.Gateway) return $"gateway|{node.Namespace}|{node.Workload}|{Selector.Format(node.Labels)}";
        var key = new StringBuilder(node.Namespace).Append('|');
        foreach (var labels in _sourceLabels) key.Append(Selector.Matches(labels, node.Labels) ? '1' : '0');
        key.Append('|');
        foreach (var sidecar in _snapshot.SidecarsIn(node.Namespace))
        {
            if (sidecar.Selector is { } labels) key.Append(Selector.Matches(labels, node.Labels) ? '1' : '0');
        }
        key.Append('|');
        foreach (var rule in _snapshot.DestinationRulesIn(node.Namespace))
        {
            if (rule.Spec.WorkloadSelector is { } selector) key.Append(Selector.Matches(selector.MatchLabels, node.Labels) ? '1' : '0');
        }
        return key.ToString();
    }
}
