using System.Text.RegularExpressions;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Routing;

/// <summary>
/// A <see cref="StringMatcher"/> turned into a predicate once, when the config is installed. Regexes are
/// anchored full matches (Istio/Envoy semantics) and use the non-backtracking engine: linear time, no ReDoS.
/// </summary>
internal sealed class CompiledStringMatcher
{
    private readonly StringMatcher _spec;
    private readonly Regex? _regex;
    private readonly StringComparison _comparison;

    public CompiledStringMatcher(StringMatcher spec)
    {
        _spec = spec;
        _comparison = spec.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (spec.Kind == MatchKind.Regex)
        {
            var options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | (spec.IgnoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
            _regex = new Regex($"^(?:{spec.Value})$", options);
        }
    }

    /// <summary>A presence check (<c>{}</c>): holds for any value, even an empty one.</summary>
    public bool IsPresence => _spec.Kind == MatchKind.Present;

    /// <summary>True when <paramref name="value"/> (null = absent) satisfies the matcher.</summary>
    public bool Matches(string? value) => _spec.Kind switch
    {
        MatchKind.Present => value is not null,
        _ when value is null => false,
        MatchKind.Exact => string.Equals(value, _spec.Value, _comparison),
        MatchKind.Prefix => value.StartsWith(_spec.Value, _comparison),
        MatchKind.Regex => _regex!.IsMatch(value),
        _ => false,
    };
}
