namespace Switchboard.Authorization.Normalization;

/// <summary>
/// The view of a normalized path that a backend which strips per-segment path parameters sees (Tomcat, Spring:
/// <c>/admin;jsessionid=x/a</c> is <c>/admin/a</c>; CVE-2026-73511, CVE-2026-73553). Istio and Envoy keep <c>;</c>
/// parameters in the path they match (reference §6 A leaves <c>/admin;a=b/xyz</c> untouched), so a DENY on
/// <c>/admin</c> alone would not see <c>/admin;x=y</c>; the evaluator matches this view too (see AuthzEvaluator).
/// Dot segments are removed again afterwards, since <c>/xyz/..;foo=bar/abc</c> means <c>/abc</c> to such a backend,
/// and slashes merged (<c>/;/admin</c> is <c>//admin</c>, which such backends commonly read as <c>/admin</c>), whatever
/// the mesh's normalization mode: this view only ever makes a DENY wider and an ALLOW narrower.
/// </summary>
public static class PathParameters
{
    /// <summary>The path without <c>;…</c> in any segment, or null when it has none (the only view is the path).</summary>
    public static string? Strip(string? path)
    {
        if (path is null || !path.Contains(';')) return null;
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var semicolon = segments[i].IndexOf(';');
            if (semicolon >= 0) segments[i] = segments[i][..semicolon];
        }
        var stripped = string.Join('/', segments);
        if (stripped.StartsWith('/')) stripped = Slashes.Merge(DotSegments.Remove(stripped));
        return stripped == path ? null : stripped;
    }
}
