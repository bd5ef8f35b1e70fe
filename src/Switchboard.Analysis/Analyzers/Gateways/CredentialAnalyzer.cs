using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.Gateways;

/// <summary>
/// A Gateway's <c>credentialName</c> is read from the namespace of the gateway <em>workload</em>, not of the
/// Gateway resource (the seed's "must be in istio-system" pitfall). Missing there ⇒ IST0101, naming where it
/// does exist; present but unusable (missing keys, not PEM, key not matching, expired) ⇒ IST0161.
/// </summary>
public sealed class CredentialAnalyzer : IAnalyzer
{
    public string Name => "gateway.SecretAnalyzer";
    public string Description => "Checks that Gateway TLS credentials exist in the gateway workload's namespace and hold a usable certificate";
    public IReadOnlyList<string> Inputs => ["Gateway", "Secret", "Pod", "Deployment"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        foreach (var gateway in mesh.OfKind<GatewaySpec>("Gateway"))
        {
            var workloads = GatewayWorkloads.Of(mesh, gateway);
            if (workloads is not { Count: > 0 }) continue;
            var namespaces = workloads.Select(w => w.Namespace).Distinct().Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < gateway.Spec.Servers.Count; i++)
            {
                var tls = gateway.Spec.Servers[i].Tls;
                if (tls is not { CredentialName.Length: > 0 } || tls.Mode is not (ServerTlsMode.Simple or ServerTlsMode.Mutual or ServerTlsMode.OptionalMutual)) continue;
                var path = $"spec.servers[{i}].tls.credentialName";
                foreach (var ns in namespaces)
                {
                    var secret = mesh.Find<SecretBody>("Secret", ns, tls.CredentialName!);
                    if (secret is null)
                    {
                        context.Report(Catalogue.ReferencedResourceNotFound, gateway, path, "credentialName secret", $"{ns}/{tls.CredentialName}", ElsewhereHint(mesh, tls.CredentialName!, ns));
                        continue;
                    }
                    var mutual = tls.Mode is ServerTlsMode.Mutual;
                    if (Problem(mesh, secret, mutual, context.Time.GetUtcNow()) is { } problem)
                    {
                        context.Report(Catalogue.InvalidGatewayCredential, gateway, path, gateway.Name, gateway.Namespace, $"secret {ns}/{secret.Name}: {problem}");
                    }
                }
            }
        }
    }

    private static string ElsewhereHint(MeshIndex mesh, string name, string workloadNamespace)
    {
        var elsewhere = mesh.OfKind<SecretBody>("Secret").Where(s => s.Name == name).Select(s => s.Namespace).Distinct().ToList();
        return elsewhere.Count == 0
            ? $" (gateway credentials are read from the gateway workload's namespace {workloadNamespace})"
            : $" (it exists in namespace {string.Join(", ", elsewhere)}, but gateway credentials are read only from the gateway workload's namespace {workloadNamespace})";
    }

    /// <summary>Why the secret cannot serve TLS, or null when it can.</summary>
    private static string? Problem(MeshIndex mesh, Resource<SecretBody> secret, bool mutual, DateTimeOffset now)
    {
        var body = secret.Spec;
        var (certKey, keyKey) = body.Has("tls.crt") || body.Has("tls.key") ? ("tls.crt", "tls.key") : ("cert", "key");
        var cert = body.Get(certKey);
        var key = body.Get(keyKey);
        if (cert is null) return body.Has(certKey) ? $"{certKey} is not valid base64" : "no tls.crt/tls.key (or cert/key) entries";
        if (key is null) return body.Has(keyKey) ? $"{keyKey} is not valid base64" : $"no {keyKey} entry";
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(cert), Encoding.UTF8.GetString(key));
        }
        catch (CryptographicException ex)
        {
            return $"{certKey} and {keyKey} do not form a PEM certificate and matching private key ({ex.Message.TrimEnd('.')})";
        }
        catch (ArgumentException ex)
        {
            return $"{certKey} and {keyKey} are not PEM ({ex.Message.TrimEnd('.')})";
        }
        using (certificate)
        {
            if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime) return $"the certificate expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}";
            if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime) return $"the certificate is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd}";
        }
        if (mutual && !body.Has("ca.crt") && !body.Has("cacert") && mesh.Find<SecretBody>("Secret", secret.Namespace, secret.Name + "-cacert") is null)
            return "MUTUAL TLS needs a CA certificate (ca.crt or cacert, or a secret named " + secret.Name + "-cacert)";
        return null;
    }
}
