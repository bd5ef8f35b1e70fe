using System.Security.Cryptography;

namespace Switchboard.Authentication.Jwt;

/// <summary>
/// One public signing key of a JWKS (RFC 7517 §4): RSA (<c>n</c>, <c>e</c>; RFC 7518 §6.3.1) or EC (<c>crv</c>, <c>x</c>,
/// <c>y</c>; RFC 7518 §6.2.1). Holds the parameters, not a live key object: a fresh <see cref="RSA"/>/<see cref="ECDsa"/>
/// per verification keeps concurrent requests from sharing one (the platform does not promise instance thread safety).
/// </summary>
public sealed class JsonWebKey
{
    private readonly RSAParameters _rsa;
    private readonly ECParameters _ec;

    private JsonWebKey(string? kid, string? alg, string kty, string? curve, RSAParameters rsa, ECParameters ec)
    {
        Kid = kid;
        Alg = alg;
        KeyType = kty;
        Curve = curve;
        _rsa = rsa;
        _ec = ec;
    }

    /// <summary>The key ID (RFC 7517 §4.5), compared exactly with a token's <c>kid</c>.</summary>
    public string? Kid { get; }

    /// <summary>The one algorithm this key is for, when the JWKS says so (RFC 7517 §4.4).</summary>
    public string? Alg { get; }

    /// <summary><c>RSA</c> or <c>EC</c>.</summary>
    public string KeyType { get; }

    /// <summary>The EC curve name (<c>P-256</c>, <c>P-384</c>, <c>P-521</c>); null for RSA.</summary>
    public string? Curve { get; }

    internal static JsonWebKey Rsa(string? kid, string? alg, RSAParameters parameters) => new(kid, alg, "RSA", null, parameters, default);

    internal static JsonWebKey Ec(string? kid, string? alg, string curve, ECParameters parameters) => new(kid, alg, "EC", curve, default, parameters);

    /// <summary>Whether this key may verify <paramref name="algorithm"/>: same family, same curve, and its own <c>alg</c> if it has one.</summary>
    public bool Supports(JwsAlgorithm algorithm) =>
        KeyType == algorithm.KeyType && (Alg is null || Alg == algorithm.Name) && (algorithm.Curve is null || algorithm.Curve == Curve);

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="signingInput"/> (RFC 7515 §5.2 step 8).</summary>
    public bool Verify(JwsAlgorithm algorithm, byte[] signingInput, byte[] signature)
    {
        if (!Supports(algorithm)) return false;
        try
        {
            if (KeyType == "RSA")
            {
                using var rsa = RSA.Create(_rsa);
                // RFC 8017 §8.2.2 step 1: the signature is exactly as long as the modulus.
                return signature.Length == _rsa.Modulus!.Length && rsa.VerifyData(signingInput, signature, algorithm.Hash, algorithm.Padding!);
            }
            using var ecdsa = ECDsa.Create(_ec);
            // RFC 7518 §3.4: R || S, each exactly the coordinate size (not DER).
            return signature.Length == 2 * algorithm.CoordinateSize
                && ecdsa.VerifyData(signingInput, signature, algorithm.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
