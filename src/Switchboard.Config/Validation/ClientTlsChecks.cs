using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>A traffic policy's client-side <c>tls</c> (reference/istio-api.md §1.2, ClientTLSSettings).</summary>
internal static class ClientTlsChecks
{
    public static void Validate(ValidationContext context, string path, ClientTlsSettings? tls)
    {
        if (tls is null) return;
        if (tls.Mode == ClientTlsMode.IstioMutual)
        {
            // Istio supplies the certificates itself; anything else set here would be silently ignored.
            foreach (var (field, set) in new[]
            {
                ("clientCertificate", !string.IsNullOrEmpty(tls.ClientCertificate)), ("privateKey", !string.IsNullOrEmpty(tls.PrivateKey)),
                ("caCertificates", !string.IsNullOrEmpty(tls.CaCertificates)), ("credentialName", !string.IsNullOrEmpty(tls.CredentialName)),
                ("subjectAltNames", tls.SubjectAltNames.Count > 0), ("sni", !string.IsNullOrEmpty(tls.Sni)),
                ("caCrl", !string.IsNullOrEmpty(tls.CaCrl)), ("insecureSkipVerify", tls.InsecureSkipVerify is not null),
            })
            {
                if (set) context.Error($"{path}.{field}", $"{field} must be empty with mode ISTIO_MUTUAL (Istio provides the certificates)");
            }
            return;
        }
        var simpleOrMutual = tls.Mode is ClientTlsMode.Simple or ClientTlsMode.Mutual;
        if (tls.InsecureSkipVerify == true && simpleOrMutual)
        {
            if (!string.IsNullOrEmpty(tls.CaCertificates)) context.Error($"{path}.caCertificates", "caCertificates cannot be set when insecureSkipVerify is true");
            if (tls.SubjectAltNames.Count > 0) context.Error($"{path}.subjectAltNames", "subjectAltNames cannot be set when insecureSkipVerify is true");
            if (tls.Mode == ClientTlsMode.Simple && !string.IsNullOrEmpty(tls.CredentialName))
            {
                context.Error($"{path}.credentialName", "credentialName cannot be set with SIMPLE when insecureSkipVerify is true");
            }
        }
        if (simpleOrMutual && !string.IsNullOrEmpty(tls.CredentialName))
        {
            foreach (var (field, value) in new[] { ("clientCertificate", tls.ClientCertificate), ("privateKey", tls.PrivateKey), ("caCertificates", tls.CaCertificates), ("caCrl", tls.CaCrl) })
            {
                if (!string.IsNullOrEmpty(value)) context.Error($"{path}.{field}", $"{field} cannot be set together with credentialName (the Secret holds them)");
            }
            return;
        }
        if (tls.Mode == ClientTlsMode.Mutual)
        {
            if (string.IsNullOrEmpty(tls.ClientCertificate)) context.Error($"{path}.clientCertificate", "MUTUAL needs clientCertificate (or credentialName)");
            if (string.IsNullOrEmpty(tls.PrivateKey)) context.Error($"{path}.privateKey", "MUTUAL needs privateKey (or credentialName)");
        }
    }
}
