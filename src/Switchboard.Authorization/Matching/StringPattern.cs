namespace Switchboard.Authorization.Matching;

/// <summary>
/// Istio's string forms (authorization_policy.proto; reference §1.2): <c>abc</c> exact, <c>abc*</c> prefix,
/// <c>*abc</c> suffix, <c>*</c> presence (any non-empty value — unlike an unset field, it does not match an empty
/// or absent value, which is what makes <c>principals: ["*"]</c> mean "mTLS required").
/// </summary>
internal static class StringPattern
{
    public static bool Matches(string pattern, string? value, StringComparison comparison = StringComparison.Ordinal)
    {
        if (pattern == "*") return !string.IsNullOrEmpty(value);
        value ??= "";
        if (pattern.Length > 1 && pattern[^1] == '*') return value.StartsWith(pattern[..^1], comparison);
        if (pattern.Length > 1 && pattern[0] == '*') return value.EndsWith(pattern[1..], comparison);
        return string.Equals(pattern, value, comparison);
    }

    /// <summary>True when any pattern matches any value (multi-valued attributes match value by value).</summary>
    public static bool AnyMatches(IReadOnlyList<string> patterns, IReadOnlyList<string> values, StringComparison comparison = StringComparison.Ordinal)
    {
        foreach (var value in values)
        {
            foreach (var pattern in patterns)
            {
                if (Matches(pattern, value, comparison)) return true;
            }
        }
        return false;
    }
}
