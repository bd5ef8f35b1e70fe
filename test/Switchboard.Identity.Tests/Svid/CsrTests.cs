using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Ca;
using Switchboard.Identity.Spiffe;
using Switchboard.Identity.Svid;
using Switchboard.Identity.Tests.Support;

namespace Switchboard.Identity.Tests.Svid;

/// <summary>What the CA accepts from a CSR: proof of key possession, an accepted key type, and no name but the caller's.</summary>
public sealed class CsrTests : IDisposable
{
    private static readonly WorkloadIdentity FooBar = new("foo", "bar");
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = ManualClock.At();
    private readonly MeshCa _ca;
    private readonly SvidIssuer _issuer;

    public CsrTests()
    {
        _ca = MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock);
        _issuer = new SvidIssuer(_ca, _clock);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _dir.Dispose();
    }

    private IssuanceFailure Refusal(string csr) => Assert.Throws<IssuanceException>(() => _issuer.Issue(csr, FooBar, TimeSpan.Zero)).Failure;

    [Fact]
    public void A_CSR_asking_for_another_identity_is_refused()
    {
        var e = Assert.Throws<IssuanceException>(() => _issuer.Issue(Csrs.Ec(null, "spiffe://cluster.local/ns/kube-system/sa/admin"), FooBar, TimeSpan.Zero));

        Assert.Equal(IssuanceFailure.IdentityMismatch, e.Failure);
        Assert.Contains("spiffe://cluster.local/ns/kube-system/sa/admin", e.Message);
        Assert.Contains("spiffe://cluster.local/ns/foo/sa/bar", e.Message);
    }

    [Fact]
    public void A_CSR_adding_a_second_name_to_its_own_is_refused()
    {
        Assert.Equal(IssuanceFailure.IdentityMismatch, Refusal(Csrs.Ec(null, "spiffe://cluster.local/ns/foo/sa/bar", "spiffe://cluster.local/ns/foo/sa/other")));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(IssuanceFailure.IdentityMismatch, Refusal(Csrs.For(key, HashAlgorithmName.SHA256, [], ["payments.foo.svc"])));
    }

    [Fact]
    public void A_CSR_asking_for_exactly_the_callers_identity_is_accepted()
    {
        var svid = _issuer.Issue(Csrs.Ec(null, "spiffe://cluster.local/ns/foo/sa/bar"), FooBar, TimeSpan.Zero);

        Assert.Equal(["spiffe://cluster.local/ns/foo/sa/bar"], SubjectAltNames.Uris(svid.Leaf));
    }

    [Fact]
    public void The_CSR_subject_is_not_copied()
    {
        Assert.Equal("", _issuer.Issue(Csrs.Ec(), FooBar, TimeSpan.Zero).Leaf.Subject);
    }

    [Fact]
    public void A_CSR_whose_signature_does_not_verify_is_refused()
    {
        Assert.Equal(IssuanceFailure.MalformedCsr, Refusal(Csrs.WithForeignSignature()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a csr")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n")]
    public void Garbage_is_refused_as_malformed(string csr)
    {
        Assert.Equal(IssuanceFailure.MalformedCsr, Refusal(csr));
    }

    [Fact]
    public void A_DER_CSR_is_accepted_and_a_truncated_one_refused()
    {
        var pem = Csrs.Ec();
        var der = Convert.FromBase64String(pem[PemEncoding.Find(pem).Base64Data]);

        Assert.NotNull(_issuer.Issue(der, FooBar, TimeSpan.Zero).Leaf);
        var e = Assert.Throws<IssuanceException>(() => _issuer.Issue(der[..^10], FooBar, TimeSpan.Zero));
        Assert.Equal(IssuanceFailure.MalformedCsr, e.Failure);
    }

    [Fact]
    public void P256_P384_and_RSA_2048_keys_are_accepted()
    {
        Assert.Equal(256, _issuer.Issue(Csrs.Ec(ECCurve.NamedCurves.nistP256), FooBar, TimeSpan.Zero).Leaf.GetECDsaPublicKey()!.KeySize);
        Assert.Equal(384, _issuer.Issue(Csrs.Ec(ECCurve.NamedCurves.nistP384), FooBar, TimeSpan.Zero).Leaf.GetECDsaPublicKey()!.KeySize);
        Assert.Equal(2048, _issuer.Issue(Csrs.Rsa(2048), FooBar, TimeSpan.Zero).Leaf.GetRSAPublicKey()!.KeySize);
    }

    [Fact]
    public void Weak_or_unlisted_keys_are_refused()
    {
        Assert.Equal(IssuanceFailure.UnsupportedKey, Refusal(Csrs.Rsa(1024)));
        Assert.Equal(IssuanceFailure.UnsupportedKey, Refusal(Csrs.Ec(ECCurve.NamedCurves.nistP521)));
        Assert.Equal(IssuanceFailure.UnsupportedKey, Refusal(Csrs.Ec(ECCurve.NamedCurves.brainpoolP256r1)));
    }

    [Fact]
    public void The_certificate_is_for_the_CSRs_key()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leaf = _issuer.Issue(Csrs.For(key, HashAlgorithmName.SHA256, []), FooBar, TimeSpan.Zero).Leaf;

        Assert.Equal(key.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.NotNull(leaf.CopyWithPrivateKey(key));
    }
}
