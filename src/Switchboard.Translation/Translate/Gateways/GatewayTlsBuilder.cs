using System.Security.Cryptography;
using System.Text;
using Switchboard.Config.Networking;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate.Gateways;

/// <summary>
/// A server's <c>tls</c> as the proxy uses it. <c>credentialName</c> is looked up in the namespace of the gateway
/// <em>workload</em> (not of the Gateway resource: the seed's classic mistake), and the config carries only a digest of
/// the Secret, so a changed Secret is a new config (picked up without a restart) while the key stays out of every
/// config, dump and log. The client CA for MUTUAL is the Secret's <c>ca.crt</c>/<c>cacert</c>, else the Secret
/// <c>NAME-cacert</c>, whose content is part of the digest too.
/// </summary>
internal static class GatewayTlsBuilder
{
    /// <summary>The TLS of a server, or null for plain text (no <c>tls</c>, or only <c>httpsRedirect</c>).</summary>
    public static GatewayTls? Build(ServerTlsSettings? tls, string protocol, MeshSnapshot snapshot, ProxyNode node)
    {
        // HTTP servers never terminate TLS (their tls block only carries httpsRedirect); HTTPS/TLS without a mode is PASSTHROUGH.
        if (tls is null || protocol is "HTTP" or "HTTP2" or "GRPC" or "GRPC-WEB" or "TCP") return null;
        var mode = tls.Mode switch
        {
            ServerTlsMode.Simple => GatewayTls.Simple,
            ServerTlsMode.Mutual => GatewayTls.Mutual,
            ServerTlsMode.OptionalMutual => GatewayTls.OptionalMutual,
            ServerTlsMode.IstioMutual => GatewayTls.IstioMutual,
            _ => GatewayTls.Passthrough,
        };
        var credential = tls.CredentialName ?? tls.CredentialNames.FirstOrDefault();
        return new GatewayTls
        {
            Mode = mode,
            Credential = mode is GatewayTls.Passthrough or GatewayTls.IstioMutual || string.IsNullOrEmpty(credential) ? null : Reference(snapshot, node.Namespace, credential),
            CertificateFile = tls.ServerCertificate ?? tls.TlsCertificates.FirstOrDefault()?.ServerCertificate,
            PrivateKeyFile = tls.PrivateKey ?? tls.TlsCertificates.FirstOrDefault()?.PrivateKey,
            CaCertificatesFile = tls.CaCertificates ?? tls.TlsCertificates.FirstOrDefault()?.CaCertificates,
            SubjectAltNames = tls.SubjectAltNames,
            MinProtocolVersion = Version(tls.MinProtocolVersion, "TLSV1_2"),
            MaxProtocolVersion = Version(tls.MaxProtocolVersion, "TLSV1_3"),
        };
    }

    /// <summary>The reference to Secret <paramref name="name"/> in <paramref name="ns"/>, versioned by a digest of its content.</summary>
    public static CredentialReference Reference(MeshSnapshot snapshot, string ns, string name)
    {
        if (snapshot.FindSecret(ns, name) is not { } secret) return new CredentialReference { Namespace = ns, Name = name, Version = CredentialReference.Absent };
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, secret.Spec);
        if (snapshot.FindSecret(ns, name + "-cacert") is { } ca) Add(hash, ca.Spec);
        return new CredentialReference { Namespace = ns, Name = name, Version = Convert.ToHexStringLower(hash.GetHashAndReset())[..16] };
    }

    private static void Add(IncrementalHash hash, Switchboard.Config.Kubernetes.SecretBody body)
    {
        foreach (var (key, value) in body.Data.OrderBy(d => d.Key, StringComparer.Ordinal).Concat(body.StringData.OrderBy(d => d.Key, StringComparer.Ordinal)))
            hash.AppendData(Encoding.UTF8.GetBytes($"{key}\0{value}\0"));
    }

    private static string Version(TlsProtocolVersion? version, string fallback) => version switch
    {
        TlsProtocolVersion.Tlsv10 => "TLSV1_0",
        TlsProtocolVersion.Tlsv11 => "TLSV1_1",
        TlsProtocolVersion.Tlsv12 => "TLSV1_2",
        TlsProtocolVersion.Tlsv13 => "TLSV1_3",
        _ => fallback,
    };
}
