using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Proxy.Gateway;

/// <summary>
/// A gateway server's certificate, ready for handshakes: the leaf with its private key and chain, and the CA that
/// client certificates must chain to (MUTUAL). Built from PEM (a Secret's <c>tls.crt</c>/<c>tls.key</c>/<c>ca.crt</c>, or
/// files); the key stays in this process.
/// </summary>
internal sealed class ServerCredential
{
    private ServerCredential(X509Certificate2 leaf, SslStreamCertificateContext context, X509Certificate2Collection? clientCa)
    {
        Leaf = leaf;
        Context = context;
        ClientCa = clientCa;
    }

    public X509Certificate2 Leaf { get; }
    public SslStreamCertificateContext Context { get; }

    /// <summary>The roots client certificates are verified against; null when none was given.</summary>
    public X509Certificate2Collection? ClientCa { get; }

    /// <summary>Builds the credential; throws <see cref="CryptographicException"/> with the reason when the PEM is unusable.</summary>
    public static ServerCredential FromPem(string certificateChain, string privateKey, string? caCertificates)
    {
        using var withKey = X509Certificate2.CreateFromPem(certificateChain, privateKey);
        // An exportable copy: SslStream on Linux needs the key with the certificate, and an ephemeral PEM key is not kept.
        var leaf = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(certificateChain);
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain)
        {
            if (certificate.Thumbprint != leaf.Thumbprint) intermediates.Add(certificate);
        }
        X509Certificate2Collection? ca = null;
        if (!string.IsNullOrWhiteSpace(caCertificates))
        {
            ca = new X509Certificate2Collection();
            ca.ImportFromPem(caCertificates);
            if (ca.Count == 0) throw new CryptographicException("the CA certificates hold no PEM certificate");
        }
        return new ServerCredential(leaf, SslStreamCertificateContext.Create(leaf, intermediates, offline: true), ca);
    }

    /// <summary>Whether a client certificate chains to <see cref="ClientCa"/> and carries one of <paramref name="subjectAltNames"/> (if any are required).</summary>
    public bool AcceptsClient(X509Certificate2 client, IReadOnlyList<string> subjectAltNames)
    {
        if (ClientCa is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(ClientCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2")); // clientAuth
        if (!chain.Build(client)) return false;
        if (subjectAltNames.Count == 0) return true;
        var names = SubjectAltNames(client);
        return subjectAltNames.Any(n => names.Contains(n, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The certificate's SAN values without their type prefix (Istio compares <c>subjectAltNames</c> with any of them).</summary>
    private static List<string> SubjectAltNames(X509Certificate2 certificate) =>
        Switchboard.Identity.Svid.SubjectAltNames.Read(certificate.Extensions).Select(n => n.IndexOf(':') is > 0 and var colon ? n[(colon + 1)..] : n).ToList();
}
