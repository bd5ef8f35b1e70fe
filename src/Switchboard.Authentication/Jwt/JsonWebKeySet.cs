using System.Security.Cryptography;
using System.Text.Json;

namespace Switchboard.Authentication.Jwt;

/// <summary>
/// A parsed JWKS (RFC 7517 §5): the RSA and EC signature keys it holds. Keys the proxy cannot or must not use are
/// skipped, not fatal, as RFC 7517 §5 asks ("ignore JWKs ... that use key types it does not understand"): symmetric
/// <c>oct</c> keys (never used to verify, RFC 8725 §3.1), keys marked <c>use</c> other than <c>sig</c>, RSA keys under
/// 2048 bits (RFC 7518 §3.3), unknown curves, and EC points not on their curve. A set left with no key is an error.
/// </summary>
public sealed class JsonWebKeySet
{
    private JsonWebKeySet(IReadOnlyList<JsonWebKey> keys) => Keys = keys;

    public IReadOnlyList<JsonWebKey> Keys { get; }

    /// <summary>Parses <paramref name="json"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string json, out JsonWebKeySet set, out string error)
    {
        set = new JsonWebKeySet([]);
        error = "";
        var keys = new List<JsonWebKey>();
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                error = "JWKS is not an object with a \"keys\" array";
                return false;
            }
            foreach (var element in array.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.Object && ParseKey(element) is { } key) keys.Add(key);
            }
        }
        catch (JsonException ex)
        {
            error = $"JWKS is not valid JSON: {ex.Message}";
            return false;
        }
        if (keys.Count == 0)
        {
            error = "JWKS has no usable RSA or EC signature key";
            return false;
        }
        set = new JsonWebKeySet(keys);
        return true;
    }

    private static JsonWebKey? ParseKey(JsonElement jwk)
    {
        var use = Text(jwk, "use");
        if (use is not null && use != "sig") return null;
        var kid = Text(jwk, "kid");
        var alg = Text(jwk, "alg");
        if (alg is not null && JwsAlgorithm.Find(alg) is null) return null;
        switch (Text(jwk, "kty"))
        {
            case "RSA":
                if (Bytes(jwk, "n") is not { Length: >= 256 } n || Bytes(jwk, "e") is not { Length: > 0 and <= 8 } e) return null;
                if (n[0] == 0) return null; // a modulus with a leading zero octet is not minimal (RFC 7518 §6.3.1.1)
                return JsonWebKey.Rsa(kid, alg, new RSAParameters { Modulus = n, Exponent = e });
            case "EC":
                var crv = Text(jwk, "crv");
                var (curve, size) = crv switch
                {
                    "P-256" => (ECCurve.NamedCurves.nistP256, 32),
                    "P-384" => (ECCurve.NamedCurves.nistP384, 48),
                    "P-521" => (ECCurve.NamedCurves.nistP521, 66),
                    _ => (default(ECCurve), 0),
                };
                if (size == 0 || Bytes(jwk, "x") is not { } x || Bytes(jwk, "y") is not { } y || x.Length != size || y.Length != size) return null;
                var parameters = new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } };
                try
                {
                    using var probe = ECDsa.Create(parameters); // rejects a point that is not on the curve
                }
                catch (CryptographicException)
                {
                    return null;
                }
                return JsonWebKey.Ec(kid, alg, crv!, parameters);
            default:
                return null;
        }
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static byte[]? Bytes(JsonElement o, string name) =>
        Text(o, name) is { } s && Base64UrlStrict.TryDecode(s, out var bytes) ? bytes : null;
}
