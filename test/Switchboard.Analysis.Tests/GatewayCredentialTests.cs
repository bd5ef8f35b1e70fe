using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Analysis.Messages;

namespace Switchboard.Analysis.Tests;

/// <summary>
/// The credential check against real certificates: made by the openssl command line (RSA and EC, as users
/// make them), expired ones, and a key that belongs to another certificate.
/// </summary>
public class GatewayCredentialTests
{
    [Theory]
    [InlineData("rsa:2048")]
    [InlineData("ec -pkeyopt ec_paramgen_curve:P-256")]
    public void Openssl_made_certificate_is_accepted(string keyArgs)
    {
        var (cert, key) = Openssl(keyArgs);
        Assert.Empty(CredentialFindings(cert, key));
    }

    [Fact]
    public void Expired_certificate_is_invalid()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=api.example.com", ec, HashAlgorithmName.SHA256);
        using var expired = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        var findings = CredentialFindings(expired.ExportCertificatePem(), ec.ExportPkcs8PrivateKeyPem());
        Assert.Contains(findings, m => m.Type == Catalogue.InvalidGatewayCredential && m.Text.Contains("expired"));
    }

    [Fact]
    public void Key_of_another_certificate_is_invalid()
    {
        var (cert, _) = Openssl("ec -pkeyopt ec_paramgen_curve:P-256");
        var (_, otherKey) = Openssl("ec -pkeyopt ec_paramgen_curve:P-256");
        var findings = CredentialFindings(cert, otherKey);
        Assert.Contains(findings, m => m.Type == Catalogue.InvalidGatewayCredential);
    }

    private static IReadOnlyList<AnalysisMessage> CredentialFindings(string certPem, string keyPem)
    {
        var yaml = $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: istio-ingressgateway, namespace: istio-system}
            spec:
              template:
                metadata: {labels: {istio: ingressgateway}}
                spec:
                  containers: [{name: istio-proxy, image: proxy}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: istio-system}
            spec:
              selector: {istio: ingressgateway}
              servers:
              - port: {number: 443, name: https, protocol: HTTPS}
                hosts: [api.example.com]
                tls: {mode: SIMPLE, credentialName: api-cert}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: api-cert, namespace: istio-system}
            type: kubernetes.io/tls
            data:
              tls.crt: {{{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(certPem))}}}
              tls.key: {{{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(keyPem))}}}
            """;
        return AnalysisRun.OfText(yaml).Messages;
    }

    private static (string Cert, string Key) Openssl(string keyArgs)
    {
        var dir = Directory.CreateTempSubdirectory("sb-cert-");
        try
        {
            var args = $"req -x509 -newkey {keyArgs} -nodes -days 30 -subj /CN=api.example.com -keyout {dir.FullName}/k.pem -out {dir.FullName}/c.pem";
            using var process = Process.Start(new ProcessStartInfo("openssl", args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "openssl failed: " + stderr);
            return (File.ReadAllText($"{dir.FullName}/c.pem"), File.ReadAllText($"{dir.FullName}/k.pem"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
