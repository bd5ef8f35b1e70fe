using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Svid;

namespace Switchboard.Identity.Ca;

/// <summary>
/// The control plane's own TLS certificate for its CA/discovery port (15012), issued by the mesh CA like istiod's
/// <c>istiod.istio-system.svc</c> certificate, so proxies need to trust nothing but the mesh root. Its names are DNS
/// and IP SANs (what a client dialling an address checks), not a SPIFFE ID; EKU is serverAuth only.
/// </summary>
public static class ServingCertificate
{
    /// <summary>Makes a fresh P-256 key in memory and a certificate for it; the key is never written anywhere.</summary>
    public static X509Certificate2 Issue(MeshCa ca, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, TimeSpan lifetime, TimeProvider time)
    {
        var san = new SubjectAlternativeNameBuilder();
        var any = false;
        foreach (var name in dnsNames) { san.AddDnsName(name); any = true; }
        foreach (var address in addresses) { san.AddIpAddress(address); any = true; }
        if (!any) throw new ArgumentException("a serving certificate needs at least one DNS name or IP address");

        var now = time.GetUtcNow();
        CaSigner.EnsureValid(ca, now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=switchboard-controlplane"), key, ca.SignatureHash);
        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var notAfter = now + lifetime < ca.NotAfter ? now + lifetime : ca.NotAfter;
        using var certificate = CaSigner.Sign(ca, request, now - SvidPolicy.Backdate, notAfter);
        return certificate.CopyWithPrivateKey(key);
    }
}
