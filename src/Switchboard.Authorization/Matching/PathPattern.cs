namespace Switchboard.Authorization.Matching;

/// <summary>
/// A <c>paths</c> value: Istio's string forms (case-sensitive) or a URI template with <c>{*}</c> (exactly one
/// non-empty segment) and <c>{**}</c> (zero or more segments, only as the last segment; the <c>/</c> before it is required, so <c>/foo/{**}</c> matches <c>/foo/</c> but not <c>/foo</c>, like the prefix <c>/foo/*</c>) (istio-api.md §2.2; Envoy
/// <c>uri_template</c>: "<c>*</c> matches a single path component, <c>**</c> zero or more path segments").
/// Any character but <c>/</c> is part of a segment, including <c>*</c> (CVE-2025-46821: <c>/foo/*bar</c> must match
/// <c>/foo/{*}</c>).
/// </summary>
internal static class PathPattern
{
    public static bool IsTemplate(string pattern) => pattern.Contains("{*}", StringComparison.Ordinal) || pattern.Contains("{**}", StringComparison.Ordinal);

    public static bool Matches(string pattern, string? path)
    {
        if (!IsTemplate(pattern)) return StringPattern.Matches(pattern, path);
        if (string.IsNullOrEmpty(path)) return false;
        var want = pattern.Split('/');
        var have = path.Split('/');
        for (var i = 0; i < want.Length; i++)
        {
            if (want[i] == "{**}") return i == want.Length - 1 && have.Length > i;
            if (i >= have.Length) return false;
            if (want[i] == "{*}")
            {
                if (have[i].Length == 0) return false;
            }
            else if (!SegmentMatches(want[i], have[i]))
            {
                return false;
            }
        }
        return want.Length == have.Length;
    }

    /// <summary>A literal segment, or one mixing text and <c>{*}</c> is not a valid template: compared literally.</summary>
    private static bool SegmentMatches(string want, string have) => string.Equals(want, have, StringComparison.Ordinal);
}
