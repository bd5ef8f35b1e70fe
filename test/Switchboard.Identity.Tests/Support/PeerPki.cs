using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Svid;

namespace Switchboard.Identity.Tests.Support;

/// <summary>
/// Two CA hierarchies (the mesh's: root → intermediate, and a stranger's) and a leaf factory built on
/// <see cref="CertificateRequest"/> directly, so a test can make exactly the non-conforming certificate it needs.
/// </summary>
internal sealed class PeerPki : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public PeerPki()
    {
        (Root, Intermediate, _) = TestPki.Hierarchy(Now);
        // Distinct names: with no authority key identifier, issuers are found by name.
        OtherRoot = TestPki.Certificate("Other Root", null, Now.AddDays(-1), Now.AddYears(2));
        OtherIntermediate = TestPki.Certificate("Other Intermediate", OtherRoot, Now.AddDays(-1), Now.AddYears(1));
        Bundle = [Root];
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public X509Certificate2 OtherRoot { get; }

    public X509Certificate2 OtherIntermediate { get; }

    /// <summary>The mesh trust bundle: <see cref="Root"/> only.</summary>
    public X509Certificate2Collection Bundle { get; }

    /// <summary>A leaf issued by <paramref name="issuer"/> (default: the mesh intermediate), signed with <paramref name="signingKey"/> (default: the issuer's).</summary>
    public X509Certificate2 Leaf(LeafSpec? spec = null, X509Certificate2? issuer = null, ECDsa? signingKey = null)
    {
        spec ??= new LeafSpec();
        issuer ??= Intermediate;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName(spec.Subject), key, HashAlgorithmName.SHA256);
        if (spec.Uris.Length + spec.DnsNames.Length > 0)
            request.CertificateExtensions.Add(new X509Extension(SubjectAltNames.SanOid, SanDer(spec.Uris, spec.DnsNames), critical: true));
        if (spec.IsCa is { } ca) request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        if (spec.KeyUsage is { } usage) request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        if (spec.Eku is { } eku) request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. eku.Select(o => new Oid(o))], false));
        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        var generator = X509SignatureGenerator.CreateForECDsa(signingKey ?? issuerKey);
        using var issued = request.Create(issuer.SubjectName, generator, Now + spec.NotBefore, Now + spec.NotAfter, SerialNumber.Next());
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A GeneralNames sequence of URI and DNS entries as IA5Strings, exactly as given.</summary>
    public static byte[] SanDer(IEnumerable<string> uris, IEnumerable<string> dnsNames)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var dns in dnsNames) writer.WriteOctetString(System.Text.Encoding.ASCII.GetBytes(dns), new Asn1Tag(TagClass.ContextSpecific, 2));
            foreach (var uri in uris) writer.WriteOctetString(System.Text.Encoding.ASCII.GetBytes(uri), new Asn1Tag(TagClass.ContextSpecific, 6));
        }
        return writer.Encode();
    }

    public void Dispose()
    {
        foreach (var c in new[] { Root, Intermediate, OtherRoot, OtherIntermediate }) c.Dispose();
    }
}
