using System.Diagnostics;
using Switchboard.Authentication.Config;
using Switchboard.Authentication.Jwt;
using Switchboard.Cli;

namespace Switchboard.Authentication.Tests.Cli;

/// <summary>
/// <c>sbctl x jwt</c> end to end: openssl makes the keys (an independent implementation), sbctl mints a token and prints
/// the JWKS, and the validator accepts the one with the other.
/// </summary>
public sealed class JwtCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sbctl-jwt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Openssl(string file, params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("-out");
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"openssl {string.Join(' ', args)}: {stderr}");
        return Path.Combine(_dir, file);
    }

    private static (int Exit, string Out, string Err) Sbctl(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = SbctlApp.Run(args, output, error);
        return (exit, output.ToString().Trim(), error.ToString());
    }

    [Theory]
    [InlineData("rsa", "RS256")]
    [InlineData("ec", "ES256")]
    public void A_minted_token_validates_against_the_printed_jwks(string kind, string alg)
    {
        var key = kind == "rsa"
            ? Openssl("key.pem", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048")
            : Openssl("key.pem", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
        var jwks = Sbctl("x", "jwt", "--key", key, "--jwks");
        Assert.True(jwks.Exit == 0, jwks.Err);
        var minted = Sbctl("x", "jwt", "--key", key, "--issuer", "https://sbctl.test", "--subject", "alice", "--audience", "svc", "--audience", "web",
            "--claim", "role=admin", "--claim", "level=3", "--claim", "admin=true", "--claim", "org={\"team\":\"pay\"}", "--ttl", "10m");
        Assert.True(minted.Exit == 0, minted.Err);

        var rule = new JwtRuleConfig { Issuer = "https://sbctl.test", JwksJson = jwks.Out, Audiences = ["web"] };
        var result = new JwtValidator(TimeProvider.System).Validate(minted.Out, CompiledJwtRule.From(rule));
        Assert.True(result.IsValid, $"{result.Failure}: {result.Detail}");
        var token = result.Token!;
        Assert.Equal("https://sbctl.test/alice", token.Principal);
        Assert.Equal(["svc", "web"], token.Audiences);
        Assert.Equal("admin", token.Claims.GetProperty("role").GetString());
        Assert.Equal(3, token.Claims.GetProperty("level").GetInt32());
        Assert.True(token.Claims.GetProperty("admin").GetBoolean());
        Assert.Equal("pay", token.Claims.GetProperty("org").GetProperty("team").GetString());
        Assert.True(token.Claims.GetProperty("exp").GetInt64() - token.Claims.GetProperty("iat").GetInt64() == 600);
        CompactJws.TryParse(minted.Out, 16384, out var jws, out _, out _);
        Assert.Equal(alg, jws!.Algorithm);
    }

    [Fact]
    public void A_token_of_one_key_fails_against_another_keys_jwks()
    {
        var first = Openssl("a.pem", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
        var second = Openssl("b.pem", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
        var token = Sbctl("x", "jwt", "--key", first, "--kid", "k").Out;
        var jwks = Sbctl("x", "jwt", "--key", second, "--kid", "k", "--jwks").Out;
        var rule = new JwtRuleConfig { Issuer = "testing@secure.istio.io", JwksJson = jwks };
        Assert.Equal(JwtFailure.SignatureInvalid, new JwtValidator(TimeProvider.System).Validate(token, CompiledJwtRule.From(rule)).Failure);
    }

    [Fact]
    public void Bad_input_is_reported()
    {
        var weak = Openssl("weak.pem", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024");
        Assert.Contains("2048", Sbctl("x", "jwt", "--key", weak).Err);
        File.WriteAllText(Path.Combine(_dir, "junk.pem"), "not a key");
        Assert.Contains("not an RSA or EC private key", Sbctl("x", "jwt", "--key", Path.Combine(_dir, "junk.pem")).Err);
        var ec = Openssl("ec.pem", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
        Assert.Equal(ExitCodes.Usage, Sbctl("x", "jwt", "--key", ec, "--claim", "novalue").Exit);
        Assert.Equal(ExitCodes.Usage, Sbctl("x", "jwt", "--key", ec, "--ttl", "soon").Exit);
    }
}
