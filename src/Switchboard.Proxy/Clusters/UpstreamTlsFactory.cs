using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Clusters;

/// <summary>
/// TLS origination toward a cluster (DestinationRule <c>tls</c> SIMPLE and MUTUAL):
/// - SNI is <c>sni</c> if set, else the service host;
/// - the server is verified against <c>caCertificates</c> (a PEM file, trusted as the only roots) or, without
///   it, the system roots; with <c>subjectAltNames</c> one of them must be in the certificate, otherwise the
///   <c>sni</c> or the service FQDN must be (Istio checks the request authority; the FQDN is the same for every
///   caller however it spells the host); <c>insecureSkipVerify</c> turns verification off, as its name says;
/// - MUTUAL presents <c>clientCertificate</c> + <c>privateKey</c> (PEM files);
/// - ALPN offers h2 for http2/grpc clusters, else http/1.1.
/// ISTIO_MUTUAL needs the workload's SPIFFE certificate, which arrives with the identity issue; until then
/// (static mode has no CA) such clusters are dialled in plain text, as auto mTLS does for endpoints
/// without a sidecar. credentialName (Secret-backed) is not supported yet.
/// </summary>
internal static class UpstreamTlsFactory
{
    /// <summary>The TLS options for <paramref name="cluster"/>, or null when it is plain text.</summary>
    public static SslClientAuthenticationOptions? For(Cluster cluster)
    {
        if (cluster.Tls is not { Mode: UpstreamTlsMode.Simple or UpstreamTlsMode.Mutual } tls) return null;
        var expectedName = tls.Sni ?? cluster.Host;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = expectedName,
            ApplicationProtocols = cluster.Protocol is "http2" or "grpc" or "grpc-web" ? [SslApplicationProtocol.Http2] : [SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = Validator(tls, expectedName),
        };
        if (tls.Mode == UpstreamTlsMode.Mutual && tls.ClientCertificate is { } certFile && tls.PrivateKey is { } keyFile)
        {
            options.ClientCertificates = [X509Certificate2.CreateFromPemFile(certFile, keyFile)];
        }
        return options;
    }

    /// <summary>
    /// The handler may send the caller's authority as SNI, so the name is checked here against a name that does
    /// not depend on how the caller spelled the host: the configured SANs, else <c>sni</c>, else the service FQDN.
    /// </summary>
    private static RemoteCertificateValidationCallback Validator(UpstreamTls tls, string expectedName)
    {
        if (tls.InsecureSkipVerify) return (_, _, _, _) => true;
        var roots = tls.CaCertificates is { } caFile ? LoadRoots(caFile) : null;
        return (_, certificate, _, errors) =>
        {
            if (certificate is null) return false;
            using var server = new X509Certificate2(certificate);
            if (roots is not null)
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                if (!chain.Build(server)) return false;
            }
            else if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            {
                return false;
            }
            var names = SubjectAltNames(server).ToList();
            if (tls.SubjectAltNames.Count > 0) return names.Intersect(tls.SubjectAltNames, StringComparer.OrdinalIgnoreCase).Any();
            return names.Any(n => NameMatches(n, expectedName));
        };
    }

    /// <summary>RFC 6125 matching: exact, or a <c>*.</c> wildcard standing for exactly one left-most label.</summary>
    private static bool NameMatches(string pattern, string host)
    {
        if (pattern.Equals(host, StringComparison.OrdinalIgnoreCase)) return true;
        if (!pattern.StartsWith("*.", StringComparison.Ordinal)) return false;
        var dot = host.IndexOf('.');
        return dot > 0 && host[(dot + 1)..].Equals(pattern[2..], StringComparison.OrdinalIgnoreCase);
    }

    private static X509Certificate2Collection LoadRoots(string file)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(file);
        return roots;
    }

    /// <summary>DNS and URI subject alternative names of a certificate.</summary>
    private static IEnumerable<string> SubjectAltNames(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            foreach (var dns in extension.EnumerateDnsNames()) yield return dns;
        }
        // URI SANs (SPIFFE IDs) are not enumerable through the extension type; read them from the formatted text.
        var text = certificate.Extensions["2.5.29.17"]?.Format(false) ?? "";
        foreach (var part in text.Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("URL=", StringComparison.Ordinal)) yield return part[4..];
            if (part.StartsWith("URI:", StringComparison.Ordinal)) yield return part[4..];
        }
    }
}
