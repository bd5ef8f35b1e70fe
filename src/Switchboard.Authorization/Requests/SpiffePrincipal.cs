namespace Switchboard.Authorization.Requests;

/// <summary>
/// Reads the parts of an Istio principal <c>&lt;trust-domain&gt;/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c> (SPIFFE ID without the
/// scheme; reference §4.1).
/// </summary>
public static class SpiffePrincipal
{
    /// <summary>A SPIFFE ID as Istio writes principals: without <c>spiffe://</c> (<c>cluster.local/ns/x/sa/y</c>).</summary>
    public static string? Of(string? spiffeId) =>
        spiffeId is not null && spiffeId.StartsWith("spiffe://", StringComparison.OrdinalIgnoreCase) ? spiffeId["spiffe://".Length..] : spiffeId;

    public static string? TrustDomain(string? principal)
    {
        if (string.IsNullOrEmpty(principal)) return null;
        var slash = principal.IndexOf('/');
        return slash < 0 ? principal : principal[..slash];
    }

    /// <summary>The segment after the first <c>/ns/</c> that follows the trust domain.</summary>
    public static string? Namespace(string? principal)
    {
        if (string.IsNullOrEmpty(principal)) return null;
        var at = principal.IndexOf("/ns/", StringComparison.Ordinal);
        if (at <= 0) return null;
        var start = at + "/ns/".Length;
        var end = principal.IndexOf('/', start);
        return end < 0 ? principal[start..] : principal[start..end];
    }

    /// <summary>
    /// Whether <paramref name="principal"/> belongs to service account <paramref name="account"/> (<c>ns/sa</c>):
    /// the shape Istio generates, <c>spiffe://.+/ns/&lt;ns&gt;/(.+/|)sa/&lt;sa&gt;(/.+)?</c>, with <c>ns</c> and <c>sa</c>
    /// compared literally (ISTIO-SECURITY-2026-003 / CVE-2026-39350: <c>cert-manager.io</c> must not match
    /// <c>cert-manager-io</c>). Written as string scanning instead of a regex, so nothing needs quoting.
    /// </summary>
    public static bool IsServiceAccount(string? principal, string account)
    {
        if (string.IsNullOrEmpty(principal)) return false;
        var split = account.IndexOf('/');
        if (split <= 0 || split == account.Length - 1) return false;
        var nsPart = $"/ns/{account[..split]}/";
        var saPart = $"sa/{account[(split + 1)..]}";
        for (var at = principal.IndexOf(nsPart, 1, StringComparison.Ordinal); at > 0; at = principal.IndexOf(nsPart, at + 1, StringComparison.Ordinal))
        {
            var rest = principal[(at + nsPart.Length)..];
            for (var k = rest.IndexOf(saPart, StringComparison.Ordinal); k >= 0; k = rest.IndexOf(saPart, k + 1, StringComparison.Ordinal))
            {
                // (.+/|) before "sa/": nothing, or at least one character then '/'.
                var prefixOk = k == 0 || (k >= 2 && rest[k - 1] == '/');
                var after = rest[(k + saPart.Length)..];
                // (/.+)? after the account name: the end, or '/' and at least one character.
                var suffixOk = after.Length == 0 || (after.Length >= 2 && after[0] == '/');
                if (prefixOk && suffixOk) return true;
            }
        }
        return false;
    }
}
