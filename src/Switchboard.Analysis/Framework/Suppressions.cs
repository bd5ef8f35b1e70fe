using Switchboard.Analysis.Messages;
using Switchboard.Config;

namespace Switchboard.Analysis.Framework;

/// <summary>
/// Decides whether a message is suppressed: by <c>--suppress "CODE=Kind name.namespace"</c> (code and
/// resource parts may use <c>*</c>) or by the resource's <c>galley.istio.io/analyze-suppress</c> annotation
/// (<c>IST0101,IST0173</c> or <c>*</c>).
/// </summary>
public sealed class Suppressions
{
    public const string Annotation = "galley.istio.io/analyze-suppress";

    private readonly List<(string Code, string Resource)> _rules = [];
    private readonly Dictionary<ResourceKey, string[]> _annotated = [];

    public Suppressions(IEnumerable<string> rules, IEnumerable<Resource> resources)
    {
        foreach (var rule in rules)
        {
            var eq = rule.IndexOf('=');
            if (eq <= 0) throw new FormatException($"suppression \"{rule}\" is not in the form CODE=Kind name.namespace");
            _rules.Add((rule[..eq].Trim(), rule[(eq + 1)..].Trim()));
        }
        foreach (var r in resources)
        {
            if (r.Annotations.TryGetValue(Annotation, out var codes))
                _annotated[r.Key] = codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }

    public bool IsSuppressed(AnalysisMessage message)
    {
        if (message.Resource is not { } key) return false;
        if (_annotated.TryGetValue(key, out var codes) && codes.Any(c => c == "*" || c.Equals(message.Type.Code, StringComparison.OrdinalIgnoreCase)))
            return true;
        var target = key.Namespace.Length == 0 ? $"{key.Kind} {key.Name}" : $"{key.Kind} {key.Name}.{key.Namespace}";
        return _rules.Any(r => Glob(r.Code, message.Type.Code) && Glob(r.Resource, target));
    }

    /// <summary>Case-insensitive match where <c>*</c> stands for any run of characters.</summary>
    private static bool Glob(string pattern, string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text,
            "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
