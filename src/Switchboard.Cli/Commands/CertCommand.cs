using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl x cert --host api.example.com --out DIR [--name SECRET] [--namespace istio-system] [--client NAME] [--days 30]</c>:
/// a demo CA (made once per DIR, reused after) and a server certificate for the host it signs, written as PEM files
/// (keys 0600) and as a kubernetes.io/tls Secret in DIR/secret.yaml, so a Gateway's <c>credentialName</c> is one
/// <c>sbctl apply -f</c> away. <c>--client</c> also issues a client certificate and puts the CA in the Secret (ca.crt),
/// which is what a MUTUAL server needs. For trying gateways locally only: a real site needs a real CA.
/// </summary>
public static class CertCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var host = new Option<string[]>("--host") { Description = "DNS name for the server certificate (repeatable; the first is its CN)", Required = true, AllowMultipleArgumentsPerToken = false };
        var outDir = new Option<string>("--out") { Description = "Directory for ca.crt/ca.key, tls.crt/tls.key and secret.yaml", Required = true };
        var name = new Option<string?>("--name") { Description = "The Secret's name (default: the first host with dots as dashes, plus -cert)" };
        var ns = new Option<string>("--namespace") { Description = "The Secret's namespace: the gateway workload's", DefaultValueFactory = _ => "istio-system" };
        var client = new Option<string?>("--client") { Description = "Also issue a client certificate with this CN (client.crt/client.key) and add ca.crt to the Secret" };
        var days = new Option<int>("--days") { Description = "Validity of the certificates", DefaultValueFactory = _ => 30 };
        var command = new Command("cert", "Make a demo CA and a gateway server certificate, with the Secret to apply") { host, outDir, name, ns, client, days };
        command.SetAction(parse =>
        {
            var hosts = parse.GetValue(host)!;
            var dir = parse.GetValue(outDir)!;
            var lifetime = TimeSpan.FromDays(Math.Max(1, parse.GetValue(days)));
            Directory.CreateDirectory(dir);
            using var ca = LoadOrCreateCa(dir, lifetime, out var created);
            using var server = Issue(ca, hosts[0], hosts, lifetime, serverAuth: true);
            Write(dir, "tls", server);
            var clientName = parse.GetValue(client);
            if (clientName is not null)
            {
                using var issued = Issue(ca, clientName, [], lifetime, serverAuth: false);
                Write(dir, "client", issued);
            }
            var secretName = parse.GetValue(name) ?? hosts[0].Replace('.', '-').Replace("*", "wildcard", StringComparison.Ordinal) + "-cert";
            var secret = new StringBuilder()
                .Append("# Made by sbctl x cert: demo material for trying a gateway locally, never for production.\n")
                .Append($"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {secretName}\n  namespace: {parse.GetValue(ns)}\ntype: kubernetes.io/tls\ndata:\n")
                .Append($"  tls.crt: {Convert.ToBase64String(Encoding.UTF8.GetBytes(server.ExportCertificatePem() + "\n"))}\n")
                .Append($"  tls.key: {Convert.ToBase64String(Encoding.UTF8.GetBytes(server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n"))}\n");
            if (clientName is not null) secret.Append($"  ca.crt: {Convert.ToBase64String(Encoding.UTF8.GetBytes(ca.ExportCertificatePem() + "\n"))}\n");
            WriteFile(Path.Combine(dir, "secret.yaml"), secret.ToString(), secretFile: true);
            output.WriteLine($"{(created ? "made" : "reused")} the demo CA {Path.Combine(dir, "ca.crt")}");
            output.WriteLine($"server certificate for {string.Join(", ", hosts)}: {Path.Combine(dir, "tls.crt")} (key tls.key, 0600)");
            if (clientName is not null) output.WriteLine($"client certificate {clientName}: {Path.Combine(dir, "client.crt")} (key client.key, 0600)");
            output.WriteLine($"Secret {parse.GetValue(ns)}/{secretName}: sbctl apply -f {Path.Combine(dir, "secret.yaml")}");
            output.WriteLine($"then: curl --cacert {Path.Combine(dir, "ca.crt")} --resolve {hosts[0]}:8443:127.0.0.1 https://{hosts[0]}:8443/");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static X509Certificate2 LoadOrCreateCa(string dir, TimeSpan lifetime, out bool created)
    {
        var (certFile, keyFile) = (Path.Combine(dir, "ca.crt"), Path.Combine(dir, "ca.key"));
        created = !File.Exists(certFile) || !File.Exists(keyFile);
        if (!created) return X509Certificate2.CreateFromPemFile(certFile, keyFile);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Switchboard demo CA, O=sbctl x cert", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = TimeProvider.System.GetUtcNow();
        var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(lifetime).AddDays(1));
        Write(dir, "ca", ca);
        return ca;
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string commonName, IReadOnlyList<string> dnsNames, TimeSpan lifetime, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        if (dnsNames.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var dns in dnsNames) san.AddDnsName(dns);
            request.CertificateExtensions.Add(san.Build());
        }
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        var now = TimeProvider.System.GetUtcNow();
        using var signed = request.Create(ca, now.AddMinutes(-5), now.Add(lifetime) < ca.NotAfter ? now.Add(lifetime) : ca.NotAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>NAME.crt (0644) and NAME.key (0600, created so from the first byte).</summary>
    private static void Write(string dir, string name, X509Certificate2 certificate)
    {
        WriteFile(Path.Combine(dir, name + ".crt"), certificate.ExportCertificatePem() + "\n", secretFile: false);
        WriteFile(Path.Combine(dir, name + ".key"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n", secretFile: true);
    }

    private static void WriteFile(string path, string text, bool secretFile)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
        var mode = secretFile ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (File.Exists(path)) File.Delete(path);
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode });
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
