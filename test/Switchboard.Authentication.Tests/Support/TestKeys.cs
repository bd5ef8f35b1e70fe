using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchboard.Authentication.Jwt;

namespace Switchboard.Authentication.Tests.Support;

/// <summary>A signing key for tests: signs compact JWS and describes its public half as a JWK.</summary>
internal sealed class TestKey
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ec;

    private TestKey(string kid, RSA? rsa, ECDsa? ec)
    {
        Kid = kid;
        _rsa = rsa;
        _ec = ec;
    }

    public string Kid { get; }

    public static TestKey Rsa(string kid = "rsa-1", int bits = 2048) => new(kid, RSA.Create(bits), null);

    public static TestKey Ec(string kid = "ec-1", string curve = "P-256") => new(kid, null, ECDsa.Create(curve switch
    {
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        _ => ECCurve.NamedCurves.nistP256,
    }));

    /// <summary>The DER SubjectPublicKeyInfo: what an attacker would feed HS256 as the "secret".</summary>
    public byte[] PublicKeyBytes => _rsa?.ExportSubjectPublicKeyInfo() ?? _ec!.ExportSubjectPublicKeyInfo();

    public string Jwk(string? alg = null, string? kid = null, bool includeKid = true)
    {
        var members = new Dictionary<string, string>();
        if (_rsa is not null)
        {
            var p = _rsa.ExportParameters(false);
            (members["kty"], members["n"], members["e"]) = ("RSA", B64(p.Modulus!), B64(p.Exponent!));
        }
        else
        {
            var p = _ec!.ExportParameters(false);
            members["kty"] = "EC";
            members["crv"] = p.Q.X!.Length switch { 32 => "P-256", 48 => "P-384", _ => "P-521" };
            (members["x"], members["y"]) = (B64(p.Q.X!), B64(p.Q.Y!));
        }
        if (includeKid) members["kid"] = kid ?? Kid;
        if (alg is not null) members["alg"] = alg;
        return JsonSerializer.Serialize(members, TestJson.Default.DictionaryStringString);
    }

    public static string Jwks(params string[] jwks) => $"{{\"keys\":[{string.Join(",", jwks)}]}}";

    public string JwksJson() => Jwks(Jwk());

    /// <summary>Signs <paramref name="payloadJson"/> with <paramref name="alg"/>; <paramref name="headerJson"/> overrides the header.</summary>
    public string Sign(string payloadJson, string? alg = null, string? headerJson = null)
    {
        alg ??= _rsa is not null ? "RS256" : _ec!.KeySize switch { 256 => "ES256", 384 => "ES384", _ => "ES512" };
        headerJson ??= $"{{\"alg\":\"{alg}\",\"kid\":\"{Kid}\",\"typ\":\"JWT\"}}";
        var input = $"{B64(Encoding.UTF8.GetBytes(headerJson))}.{B64(Encoding.UTF8.GetBytes(payloadJson))}";
        var data = Encoding.ASCII.GetBytes(input);
        var algorithm = JwsAlgorithm.Find(alg)!;
        var signature = _rsa is not null
            ? _rsa.SignData(data, algorithm.Hash, algorithm.Padding!)
            : _ec!.SignData(data, algorithm.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{input}.{B64(signature)}";
    }

    public static string B64(byte[] bytes) => Base64UrlStrict.Encode(bytes);

    public static string B64(string text) => B64(Encoding.UTF8.GetBytes(text));
}

/// <summary>Source-generated JSON for test fixtures.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TestJson : System.Text.Json.Serialization.JsonSerializerContext;
