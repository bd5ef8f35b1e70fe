using Switchboard.Authentication.Config;

namespace Switchboard.Authentication.Extraction;

/// <summary>
/// Finds the tokens of a request at the locations its rules name (<c>fromHeaders</c>, <c>fromParams</c>,
/// <c>fromCookies</c>); a rule that names none uses Istio's defaults, <c>Authorization: Bearer</c> then the
/// <c>access_token</c> parameter (reference/istio-api.md §2.3). Header names compare case-insensitively (RFC 9110
/// §5.1), prefixes, parameter and cookie names exactly. Every occurrence counts: two <c>Authorization</c> headers give
/// two tokens, and the authenticator then demands that both verify (see <see cref="RequestAuthenticator"/>).
/// </summary>
public static class TokenExtractor
{
    /// <summary>The locations of <paramref name="rule"/>, defaults included, in order: headers, params, cookies.</summary>
    public static IReadOnlyList<TokenLocation> LocationsOf(JwtRuleConfig rule)
    {
        var locations = rule.FromHeaders.Select(h => new TokenLocation(TokenSourceKind.Header, h.Name, string.IsNullOrEmpty(h.Prefix) ? null : h.Prefix))
            .Concat(rule.FromParams.Select(p => new TokenLocation(TokenSourceKind.Param, p)))
            .Concat(rule.FromCookies.Select(c => new TokenLocation(TokenSourceKind.Cookie, c)))
            .ToList();
        return locations.Count > 0 ? locations : [TokenLocation.DefaultHeader, TokenLocation.DefaultParam];
    }

    /// <summary>Every distinct token at any rule's locations, in the order first found (rule order, then location order).</summary>
    public static IReadOnlyList<ExtractedToken> Extract(IReadOnlyList<JwtRuleConfig> rules, IReadOnlyList<KeyValuePair<string, string>> headers, string? query)
    {
        var found = new Dictionary<string, (List<TokenLocation> Locations, List<int> Rules)>(StringComparer.Ordinal);
        var order = new List<string>();
        var parameters = QueryParameters(query);
        var cookies = Cookies(headers);
        for (var i = 0; i < rules.Count; i++)
        {
            foreach (var location in LocationsOf(rules[i]))
            {
                foreach (var token in Find(location, headers, parameters, cookies))
                {
                    if (!found.TryGetValue(token, out var entry))
                    {
                        found[token] = entry = ([], []);
                        order.Add(token);
                    }
                    if (!entry.Locations.Contains(location)) entry.Locations.Add(location);
                    if (!entry.Rules.Contains(i)) entry.Rules.Add(i);
                }
            }
        }
        return order.Select(t => new ExtractedToken(t, found[t].Locations, found[t].Rules)).ToList();
    }

    private static IEnumerable<string> Find(TokenLocation location, IReadOnlyList<KeyValuePair<string, string>> headers,
        IReadOnlyList<KeyValuePair<string, string>> parameters, IReadOnlyList<KeyValuePair<string, string>> cookies)
    {
        var values = location.Kind switch
        {
            TokenSourceKind.Header => headers.Where(h => string.Equals(h.Key, location.Name, StringComparison.OrdinalIgnoreCase)),
            TokenSourceKind.Param => parameters.Where(p => p.Key == location.Name),
            _ => cookies.Where(c => c.Key == location.Name),
        };
        foreach (var (_, raw) in values)
        {
            var value = raw.Trim();
            if (location.Prefix is { } prefix)
            {
                // The prefix must match exactly (Istio: "Bearer " is not "bearer "); a header without it is not a token.
                if (!raw.StartsWith(prefix, StringComparison.Ordinal)) continue;
                value = raw[prefix.Length..].Trim();
            }
            if (value.Length > 0) yield return value;
        }
    }

    private static List<KeyValuePair<string, string>> QueryParameters(string? query)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(query)) return result;
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : pair[(eq + 1)..];
            result.Add(new(Unescape(name), Unescape(value)));
        }
        return result;
    }

    private static string Unescape(string s)
    {
        try
        {
            return Uri.UnescapeDataString(s.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return s;
        }
    }

    /// <summary>Cookie pairs of every <c>Cookie</c> header (RFC 6265 §5.4: <c>name=value; name=value</c>).</summary>
    private static List<KeyValuePair<string, string>> Cookies(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in headers)
        {
            if (!string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var pair in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0) continue;
                var cookie = pair[(eq + 1)..].Trim();
                if (cookie.Length >= 2 && cookie[0] == '"' && cookie[^1] == '"') cookie = cookie[1..^1];
                result.Add(new(pair[..eq].Trim(), cookie));
            }
        }
        return result;
    }
}
