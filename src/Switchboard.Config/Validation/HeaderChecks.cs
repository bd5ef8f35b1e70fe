namespace Switchboard.Config.Validation;

/// <summary>HTTP header names and values in matches and header operations (Istio's header rules).</summary>
internal static class HeaderChecks
{
    private const string ClaimPrefix = "@request.auth.claims";

    /// <summary>Istio accepts <c>[-_A-Za-z0-9]+</c> as a header name, a subset of RFC 9110 tokens.</summary>
    public static bool IsHeaderName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>A JWT claim used as a routing header: <c>@request.auth.claims.sub</c> or <c>@request.auth.claims[a][b]</c>.</summary>
    public static bool IsJwtClaimRoute(string name)
    {
        if (!name.StartsWith(ClaimPrefix, StringComparison.Ordinal)) return false;
        var rest = name[ClaimPrefix.Length..];
        if (rest.StartsWith('.')) return rest.Length > 1 && rest[1..].Split('.').All(p => p.Length > 0);
        return rest.StartsWith('[') && rest.EndsWith(']') && rest[1..^1].Split("][").All(p => p.Length > 0 && !p.Contains('[') && !p.Contains(']'));
    }

    /// <summary>A header name in <c>headers</c> / <c>withoutHeaders</c> matches.</summary>
    public static void MatchName(ValidationContext context, string path, string name)
    {
        if (!IsHeaderName(name) && !IsJwtClaimRoute(name)) context.Error(path, $"\"{name}\" is not a valid header name (letters, digits, '-' and '_')");
    }

    /// <summary>A request header to set or add: <c>host</c> / <c>:authority</c> are allowed (checked with rewrite.authority), other pseudo-headers are not.</summary>
    public static void RequestSetName(ValidationContext context, string path, string name)
    {
        if (name.Length == 0) context.Error(path, "header name must not be empty");
        else if (name.StartsWith(':') && !IsAuthority(name)) context.Error(path, $"header \"{name}\" cannot be changed: pseudo-headers (':' prefix) are not allowed");
    }

    /// <summary>A header to remove, or a response header to change: never <c>host</c> or a pseudo-header.</summary>
    public static void OtherOperationName(ValidationContext context, string path, string name)
    {
        if (name.Length == 0) context.Error(path, "header name must not be empty");
        else if (name.Equals("host", StringComparison.OrdinalIgnoreCase)) context.Error(path, "the Host header cannot be changed here; use rewrite.authority");
        else if (name.StartsWith(':')) context.Error(path, $"header \"{name}\" cannot be changed: pseudo-headers (':' prefix) are not allowed");
    }

    /// <summary>Header values may not hold control characters other than tab.</summary>
    public static void Value(ValidationContext context, string path, string value)
    {
        if (value.Any(c => c is (< ' ' and not '\t') or '\u007f')) context.Error(path, "header value contains a control character");
    }

    public static bool IsAuthority(string name) =>
        name.Equals(":authority", StringComparison.OrdinalIgnoreCase) || name.Equals("host", StringComparison.OrdinalIgnoreCase);
}
