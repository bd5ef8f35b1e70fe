using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchboard.Identity.Spiffe;

namespace Switchboard.Identity.Tokens;

/// <summary>
/// Mints bootstrap tokens: compact JWS (RFC 7515 §7.1) signed ES256 (RFC 7518 §3.4: P-256, SHA-256, r||s
/// signature). Claims: <c>iss</c>, <c>aud</c>, <c>iat</c>, <c>exp</c>, <c>jti</c>, and the workload's <c>ns</c>,
/// <c>sa</c> and <c>pod</c>.
/// </summary>
public sealed class TokenIssuer(ECDsa key, TimeProvider time)
{
    private static readonly string Header = Base64UrlStrict.Encode("""{"alg":"ES256","typ":"JWT"}"""u8);

    private readonly ECDsa _key = key.KeySize == 256 ? key : throw new ArgumentException("ES256 needs a P-256 key", nameof(key));

    /// <summary>A token for <paramref name="identity"/>'s workload <paramref name="workload"/> (pod name), valid for <paramref name="lifetime"/>.</summary>
    public string Issue(WorkloadIdentity identity, string workload, TimeSpan lifetime, string audience = BootstrapTokens.CaAudience)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > BootstrapTokens.MaxLifetime)
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"a bootstrap token lives more than zero and at most {BootstrapTokens.MaxLifetime}");
        _ = SpiffeId.Create(SpiffeId.DefaultTrustDomain, identity); // validates namespace and service account
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("iss", BootstrapTokens.Issuer);
            w.WriteString("aud", audience);
            w.WriteNumber("iat", now);
            w.WriteNumber("exp", now + (long)Math.Ceiling(lifetime.TotalSeconds));
            w.WriteString("jti", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
            w.WriteString("ns", identity.Namespace);
            w.WriteString("sa", identity.ServiceAccount);
            w.WriteString("pod", workload);
            w.WriteEndObject();
        }
        var signingInput = Header + "." + Base64UrlStrict.Encode(buffer.ToArray());
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64UrlStrict.Encode(signature);
    }
}
