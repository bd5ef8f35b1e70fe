using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Server-side TLS of a Gateway server or Sidecar ingress listener (reference/istio-api.md §1.3).</summary>
internal static class ServerTlsChecks
{
    /// <summary>Cipher suites BoringSSL accepts in Envoy's server TLS context.</summary>
    private static readonly HashSet<string> CipherSuites = new(StringComparer.Ordinal)
    {
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA",
        "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES256-SHA", "AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA",
    };

    public static void Validate(ValidationContext context, string path, ServerTlsSettings? tls)
    {
        if (tls is null) return;
        var mode = tls.Mode ?? ServerTlsMode.Passthrough;
        Versions(context, path, tls);
        if (tls.CredentialNames.Count > 2) context.Error($"{path}.credentialNames", "at most 2 credentialNames are allowed (e.g. one RSA and one ECDSA)");
        if (tls.TlsCertificates.Count > 2) context.Error($"{path}.tlsCertificates", "at most 2 tlsCertificates are allowed");
        var hasFiles = !string.IsNullOrEmpty(tls.ServerCertificate) || !string.IsNullOrEmpty(tls.PrivateKey) || !string.IsNullOrEmpty(tls.CaCertificates);
        var hasCredential = !string.IsNullOrEmpty(tls.CredentialName) || tls.CredentialNames.Count > 0;
        switch (mode)
        {
            case ServerTlsMode.IstioMutual:
                foreach (var (field, value) in new[] { ("serverCertificate", tls.ServerCertificate), ("privateKey", tls.PrivateKey), ("caCertificates", tls.CaCertificates), ("credentialName", tls.CredentialName) })
                {
                    if (!string.IsNullOrEmpty(value)) context.Error($"{path}.{field}", $"{field} must be empty with mode ISTIO_MUTUAL (Istio provides the certificates)");
                }
                return;
            case ServerTlsMode.Passthrough or ServerTlsMode.AutoPassthrough:
                if (hasFiles || hasCredential || !string.IsNullOrEmpty(tls.CaCrl)) context.Warning(path, $"mode {Wire(mode)} does not terminate TLS; the certificates are ignored");
                return;
        }
        var mutual = mode is ServerTlsMode.Mutual or ServerTlsMode.OptionalMutual;
        if (!hasCredential && tls.TlsCertificates.Count == 0)
        {
            if (string.IsNullOrEmpty(tls.ServerCertificate)) context.Error($"{path}.serverCertificate", $"{Wire(mode)} needs credentialName or serverCertificate and privateKey");
            if (string.IsNullOrEmpty(tls.PrivateKey)) context.Error($"{path}.privateKey", $"{Wire(mode)} needs credentialName or serverCertificate and privateKey");
        }
        if (mutual && !hasCredential && string.IsNullOrEmpty(tls.CaCertificates) && string.IsNullOrEmpty(tls.CaCertCredentialName)
            && tls.TlsCertificates.All(c => string.IsNullOrEmpty(c.CaCertificates)))
        {
            context.Error($"{path}.caCertificates", $"{Wire(mode)} needs caCertificates (or credentialName) to verify client certificates");
        }
        if (!string.IsNullOrEmpty(tls.CaCrl))
        {
            if (hasCredential) context.Error($"{path}.caCrl", "caCrl cannot be set with credentialName; put the CRL in the Secret");
            if (mode == ServerTlsMode.Simple) context.Error($"{path}.caCrl", "caCrl has no use with SIMPLE TLS (no client certificates)");
        }
    }

    private static void Versions(ValidationContext context, string path, ServerTlsSettings tls)
    {
        if (tls.MinProtocolVersion is { } min and not TlsProtocolVersion.TlsAuto && tls.MaxProtocolVersion is { } max and not TlsProtocolVersion.TlsAuto && min > max)
        {
            context.Error($"{path}.minProtocolVersion", "minProtocolVersion is above maxProtocolVersion");
        }
        if (tls.MinProtocolVersion is TlsProtocolVersion.Tlsv10 or TlsProtocolVersion.Tlsv11 && tls.CipherSuites.Count == 0)
        {
            context.Warning($"{path}.minProtocolVersion", "TLS versions below 1.2 need cipherSuites that support them; the defaults do not");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tls.CipherSuites.Count; i++)
        {
            var suite = tls.CipherSuites[i];
            // Entries starting with an operator ('-', '+', '!', '[') are BoringSSL expressions, left alone.
            if (suite.Length > 0 && char.IsAsciiLetterOrDigit(suite[0]) && suite != "ALL" && !CipherSuites.Contains(suite))
            {
                context.Warning($"{path}.cipherSuites[{i}]", $"unknown cipher suite \"{suite}\" is ignored");
            }
            else if (!seen.Add(suite)) context.Warning($"{path}.cipherSuites[{i}]", $"duplicate cipher suite \"{suite}\"");
        }
    }

    private static string Wire(ServerTlsMode mode) => Binding.TypeShape.UpperSnake(mode.ToString());
}
