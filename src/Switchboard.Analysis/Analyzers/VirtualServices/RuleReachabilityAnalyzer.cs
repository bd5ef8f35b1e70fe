using System.Text;
using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.VirtualServices;

/// <summary>
/// HTTP rules are tried in order and the first match wins, so a rule after a catch-all (a rule with no
/// match) never runs, and a match identical to an earlier one never fires (IST0130, IST0131).
/// </summary>
public sealed class RuleReachabilityAnalyzer : IAnalyzer
{
    public string Name => "virtualservice.RuleReachabilityAnalyzer";
    public string Description => "Finds VirtualService HTTP rules and matches that can never be used";
    public IReadOnlyList<string> Inputs => ["VirtualService"];

    public void Analyze(AnalysisContext context)
    {
        foreach (var vs in context.Mesh.OfKind<VirtualServiceSpec>("VirtualService"))
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            string? catchAll = null;
            for (var i = 0; i < vs.Spec.Http.Count; i++)
            {
                var rule = vs.Spec.Http[i];
                var label = RuleLabel(rule, i);
                if (catchAll is not null)
                {
                    context.Report(Catalogue.VirtualServiceUnreachableRule, vs, $"spec.http[{i}]", label, $"rule {catchAll} before it matches every request");
                    continue;
                }
                if (rule.Match.Count == 0)
                {
                    catchAll = label;
                    continue;
                }
                var duplicates = new List<(int Match, string Earlier)>();
                for (var m = 0; m < rule.Match.Count; m++)
                {
                    var key = Canonical(rule.Match[m]);
                    if (seen.TryGetValue(key, out var earlier)) duplicates.Add((m, earlier));
                    else seen[key] = label;
                }
                if (duplicates.Count == rule.Match.Count)
                {
                    context.Report(Catalogue.VirtualServiceUnreachableRule, vs, $"spec.http[{i}]", label, "all of its matches are used by earlier rules");
                    continue;
                }
                foreach (var (m, earlier) in duplicates)
                {
                    context.Report(Catalogue.VirtualServiceIneffectiveMatch, vs, $"spec.http[{i}].match[{m}]", label, MatchLabel(rule.Match[m], m), earlier);
                }
            }
        }
    }

    private static string RuleLabel(HttpRoute rule, int index) => rule.Name is { Length: > 0 } n ? n : $"#{index}";

    private static string MatchLabel(HttpMatchRequest match, int index) => match.Name is { Length: > 0 } n ? n : $"#{index}";

    /// <summary>A text form of a match that is equal exactly when two matches select the same requests.</summary>
    private static string Canonical(HttpMatchRequest m)
    {
        var sb = new StringBuilder();
        sb.Append("uri=").Append(m.Uri).Append(m.IgnoreUriCase == true ? "(i)" : "");
        sb.Append("|scheme=").Append(m.Scheme).Append("|method=").Append(m.Method).Append("|authority=").Append(m.Authority);
        Append(sb, "headers", m.Headers);
        Append(sb, "without", m.WithoutHeaders);
        Append(sb, "query", m.QueryParams);
        sb.Append("|port=").Append(m.Port);
        foreach (var (k, v) in m.SourceLabels.OrderBy(p => p.Key, StringComparer.Ordinal)) sb.Append("|src:").Append(k).Append('=').Append(v);
        sb.Append("|gw=").AppendJoin(',', m.Gateways.Order(StringComparer.Ordinal));
        sb.Append("|ns=").Append(m.SourceNamespace);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string name, IReadOnlyDictionary<string, StringMatch> map)
    {
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal)) sb.Append('|').Append(name).Append(':').Append(k).Append('=').Append(v);
    }
}
