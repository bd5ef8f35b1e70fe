using System.Globalization;
using System.Text.Json;

namespace Switchboard.Authentication.Jwt;

/// <summary>
/// Looks up claims of a verified payload. A name is first tried whole (claims such as <c>https://example.com/roles</c>
/// contain dots), then as a dotted path into nested objects (Istio <c>outputClaimToHeaders</c>, Envoy
/// <c>claim_to_headers</c>).
/// </summary>
public static class JwtClaims
{
    public static bool TryGet(JsonElement claims, string name, out JsonElement value)
    {
        value = default;
        if (claims.ValueKind != JsonValueKind.Object) return false;
        if (claims.TryGetProperty(name, out value)) return true;
        var current = claims;
        foreach (var segment in name.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current)) return false;
        }
        value = current;
        return true;
    }

    /// <summary>
    /// A claim as a header value: strings, numbers and booleans only (Istio: "only string, int and bool claims are
    /// supported"). A value with a control character is refused, so a claim can never start a second header line.
    /// </summary>
    public static string? AsHeaderValue(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        return text is not null && !text.Any(char.IsControl) ? text : null;
    }
}
