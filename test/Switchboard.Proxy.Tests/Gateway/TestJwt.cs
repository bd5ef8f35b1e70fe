using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Switchboard.Proxy.Tests.Gateway;

/// <summary>An ES256 signing key for tests: tokens with chosen claims, and the JWKS a RequestAuthentication names inline.</summary>
public sealed class TestJwt : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string Jwks
    {
        get
        {
            var p = _key.ExportParameters(includePrivateParameters: false);
            return JsonSerializer.Serialize(new { keys = new[] { new { kty = "EC", crv = "P-256", kid = "test", alg = "ES256", x = B64(p.Q.X!), y = B64(p.Q.Y!) } } });
        }
    }

    public string Token(string issuer, IReadOnlyDictionary<string, object> claims)
    {
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new { alg = "ES256", kid = "test", typ = "JWT" }));
        var body = new Dictionary<string, object>(claims) { ["iss"] = issuer, ["sub"] = "tester", ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() };
        var payload = B64(JsonSerializer.SerializeToUtf8Bytes(body));
        var signature = _key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256);
        return $"{header}.{payload}.{B64(signature)}";
    }

    public void Dispose() => _key.Dispose();

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
