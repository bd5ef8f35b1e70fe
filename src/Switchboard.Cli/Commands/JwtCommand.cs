using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchboard.Config.Types;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl x jwt --key KEY.pem [--issuer I] [--subject S] [--audience A]... [--claim k=v]... [--ttl 1h] [--kid K]</c>
/// mints a test token signed with a PEM private key (RSA ⇒ RS256, EC P-256/P-384/P-521 ⇒ ES256/ES384/ES512);
/// <c>--jwks</c> prints the public JWKS to put in a RequestAuthentication's <c>jwks</c> instead. The default kid is the
/// key's RFC 7638 thumbprint, so a token and the JWKS printed from the same key always agree. Claim values that parse
/// as JSON (<c>42</c>, <c>true</c>, <c>["a","b"]</c>, <c>{"k":1}</c>) are kept as JSON, anything else is a string.
/// Defaults follow Istio's samples (<c>testing@secure.istio.io</c>), so their policies accept the tokens.
/// </summary>
public static class JwtCommand
{
    private const string SampleIssuer = "testing@secure.istio.io";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var key = new Option<string>("--key") { Description = "PEM private key (RSA, or EC P-256/P-384/P-521)", Required = true };
        var issuer = new Option<string>("--issuer") { Description = "iss claim", DefaultValueFactory = _ => SampleIssuer };
        var subject = new Option<string>("--subject") { Description = "sub claim", DefaultValueFactory = _ => SampleIssuer };
        var audience = new Option<string[]>("--audience") { Description = "aud value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var claim = new Option<string[]>("--claim") { Description = "extra claim NAME=VALUE (repeatable; JSON values kept as JSON)", AllowMultipleArgumentsPerToken = false };
        var ttl = new Option<string>("--ttl") { Description = "Lifetime, Go duration syntax (default 1h)", DefaultValueFactory = _ => "1h" };
        var kid = new Option<string?>("--kid") { Description = "Key ID (default: the key's RFC 7638 thumbprint)" };
        var jwks = new Option<bool>("--jwks") { Description = "Print the public JWKS instead of a token" };
        var command = new Command("jwt", "Mint a test JWT, or print the JWKS of its key") { key, issuer, subject, audience, claim, ttl, kid, jwks };
        command.SetAction(parse =>
        {
            using var signer = Signer.Load(parse.GetValue(key)!, out var loadError);
            if (signer is null)
            {
                error.WriteLine($"error: {loadError}");
                return ExitCodes.Unknown;
            }
            var keyId = parse.GetValue(kid) ?? signer.Thumbprint();
            if (parse.GetValue(jwks))
            {
                output.WriteLine(signer.Jwks(keyId));
                return ExitCodes.Ok;
            }
            if (!Duration.TryParse(parse.GetValue(ttl)!, out var lifetime, out var ttlError) || lifetime.Value <= TimeSpan.Zero)
            {
                error.WriteLine($"error: --ttl: {(ttlError.Length > 0 ? ttlError : "must be positive")}");
                return ExitCodes.Usage;
            }
            var claims = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(claim) ?? [])
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0)
                {
                    error.WriteLine($"error: --claim \"{pair}\": give NAME=VALUE");
                    return ExitCodes.Usage;
                }
                claims[pair[..eq]] = pair[(eq + 1)..];
            }
            var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            var payload = Payload(parse.GetValue(issuer)!, parse.GetValue(subject)!, parse.GetValue(audience) ?? [], now, now + (long)lifetime.Value.TotalSeconds, claims);
            output.WriteLine(signer.Sign(keyId, payload));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static byte[] Payload(string iss, string sub, string[] audiences, long iat, long exp, Dictionary<string, string> extra)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (!extra.ContainsKey("iss")) json.WriteString("iss", iss);
            if (!extra.ContainsKey("sub")) json.WriteString("sub", sub);
            if (audiences.Length == 1 && !extra.ContainsKey("aud")) json.WriteString("aud", audiences[0]);
            else if (audiences.Length > 1 && !extra.ContainsKey("aud"))
            {
                json.WriteStartArray("aud");
                foreach (var a in audiences) json.WriteStringValue(a);
                json.WriteEndArray();
            }
            if (!extra.ContainsKey("iat")) json.WriteNumber("iat", iat);
            if (!extra.ContainsKey("exp")) json.WriteNumber("exp", exp);
            foreach (var (name, value) in extra)
            {
                json.WritePropertyName(name);
                WriteValue(json, value);
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter json, string value)
    {
        try
        {
            using var doc = JsonDocument.Parse(value);
            doc.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(value);
        }
    }

    /// <summary>A loaded private key: signs JWS (RFC 7515 §5.1) and describes its public half as a JWK (RFC 7517).</summary>
    private sealed class Signer(AsymmetricAlgorithm key, string alg, SortedDictionary<string, string> publicJwk) : IDisposable
    {
        public static Signer? Load(string path, out string error)
        {
            error = "";
            string pem;
            try
            {
                pem = File.ReadAllText(path);
            }
            catch (IOException ex)
            {
                error = $"cannot read {path}: {ex.Message}";
                return null;
            }
            var rsa = RSA.Create();
            if (TryImport(rsa, pem))
            {
                if (rsa.KeySize < 2048)
                {
                    error = $"{path}: RSA keys under 2048 bits are refused by verifiers (RFC 7518 §3.3); this one has {rsa.KeySize}";
                    rsa.Dispose();
                    return null;
                }
                var p = rsa.ExportParameters(false);
                return new Signer(rsa, "RS256", new(StringComparer.Ordinal) { ["e"] = B64(p.Exponent!), ["kty"] = "RSA", ["n"] = B64(p.Modulus!) });
            }
            rsa.Dispose();
            var ec = ECDsa.Create();
            if (TryImport(ec, pem))
            {
                var q = ec.ExportParameters(false);
                (string Crv, string Alg, int Size)? curve = q.Curve.Oid.Value switch
                {
                    "1.2.840.10045.3.1.7" => ("P-256", "ES256", 32),
                    "1.3.132.0.34" => ("P-384", "ES384", 48),
                    "1.3.132.0.35" => ("P-521", "ES512", 66),
                    _ => null,
                };
                if (curve is { } c)
                {
                    return new Signer(ec, c.Alg, new(StringComparer.Ordinal) { ["crv"] = c.Crv, ["kty"] = "EC", ["x"] = B64(Pad(q.Q.X!, c.Size)), ["y"] = B64(Pad(q.Q.Y!, c.Size)) });
                }
                error = $"{path}: unsupported EC curve {q.Curve.Oid.FriendlyName ?? q.Curve.Oid.Value} (use P-256, P-384 or P-521)";
            }
            else error = $"{path}: not an RSA or EC private key in PEM";
            ec.Dispose();
            return null;
        }

        private static bool TryImport(AsymmetricAlgorithm key, string pem)
        {
            try
            {
                key.ImportFromPem(pem);
                return true;
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                return false;
            }
        }

        /// <summary>RFC 7638 §3: SHA-256 over the required members, sorted, without whitespace.</summary>
        public string Thumbprint()
        {
            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                foreach (var (name, value) in publicJwk) json.WriteString(name, value);
                json.WriteEndObject();
            }
            return B64(SHA256.HashData(buffer.ToArray()));
        }

        public string Jwks(string kid)
        {
            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteStartArray("keys");
                json.WriteStartObject();
                foreach (var (name, value) in publicJwk) json.WriteString(name, value);
                json.WriteString("kid", kid);
                json.WriteString("alg", alg);
                json.WriteString("use", "sig");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        public string Sign(string kid, byte[] payload)
        {
            var header = Header(kid);
            var signingInput = $"{B64(header)}.{B64(payload)}";
            var data = Encoding.ASCII.GetBytes(signingInput);
            var signature = key switch
            {
                RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                ECDsa ec => ec.SignData(data, alg switch { "ES384" => HashAlgorithmName.SHA384, "ES512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 },
                    DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                _ => throw new InvalidOperationException("unreachable: only RSA and EC keys load"),
            };
            return $"{signingInput}.{B64(signature)}";
        }

        private byte[] Header(string kid)
        {
            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("alg", alg);
                json.WriteString("kid", kid);
                json.WriteString("typ", "JWT");
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }

        public void Dispose() => key.Dispose();

        private static byte[] Pad(byte[] b, int size) => b.Length >= size ? b : [.. new byte[size - b.Length], .. b];

        private static string B64(byte[] b) => System.Buffers.Text.Base64Url.EncodeToString(b);
    }
}
