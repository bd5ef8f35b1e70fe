using System.Security.Cryptography;

namespace Switchboard.Authentication.Jwt;

/// <summary>
/// The signature algorithms a token may use (RFC 7518 §3.1): RSASSA-PKCS1-v1_5, RSASSA-PSS and ECDSA only. There is
/// deliberately no <c>none</c> and no HMAC: a JWKS holds public keys, and accepting <c>HS256</c> would let anyone who
/// has the public key "sign" with it as a shared secret (RFC 8725 §2.1 and §3.1: the verifier, not the token, picks
/// the algorithms, and each key is used with one algorithm family).
/// </summary>
public sealed record JwsAlgorithm(string Name, string KeyType, HashAlgorithmName Hash, RSASignaturePadding? Padding, string? Curve, int CoordinateSize)
{
    private static readonly Dictionary<string, JwsAlgorithm> Allowed = new JwsAlgorithm[]
    {
        new("RS256", "RSA", HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, null, 0),
        new("RS384", "RSA", HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1, null, 0),
        new("RS512", "RSA", HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1, null, 0),
        new("PS256", "RSA", HashAlgorithmName.SHA256, RSASignaturePadding.Pss, null, 0),
        new("PS384", "RSA", HashAlgorithmName.SHA384, RSASignaturePadding.Pss, null, 0),
        new("PS512", "RSA", HashAlgorithmName.SHA512, RSASignaturePadding.Pss, null, 0),
        // RFC 7518 §3.4: the curve is fixed by the algorithm, and R and S are each a fixed number of octets.
        new("ES256", "EC", HashAlgorithmName.SHA256, null, "P-256", 32),
        new("ES384", "EC", HashAlgorithmName.SHA384, null, "P-384", 48),
        new("ES512", "EC", HashAlgorithmName.SHA512, null, "P-521", 66),
    }.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The algorithm named exactly <paramref name="name"/> (case-sensitive, RFC 7515 §4.1.1), if it is allowed.</summary>
    public static JwsAlgorithm? Find(string? name) => name is not null && Allowed.TryGetValue(name, out var a) ? a : null;

    /// <summary>Every allowed algorithm name, for messages.</summary>
    public static IEnumerable<string> Names => Allowed.Keys;
}
