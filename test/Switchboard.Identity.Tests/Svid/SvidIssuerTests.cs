using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Ca;
using Switchboard.Identity.Spiffe;
using Switchboard.Identity.Svid;
using Switchboard.Identity.Tests.Support;

namespace Switchboard.Identity.Tests.Svid;

/// <summary>Each X.509-SVID rule (SPIFFE X509-SVID.md §2-§5) and each Istio CA lifetime rule, asserted on an issued certificate.</summary>
public sealed class SvidIssuerTests : IDisposable
{
    private static readonly WorkloadIdentity FooBar = new("foo", "bar");
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = ManualClock.At();
    private readonly MeshCa _ca;
    private readonly SvidIssuer _issuer;

    public SvidIssuerTests()
    {
        _ca = MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock);
        _issuer = new SvidIssuer(_ca, _clock);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _dir.Dispose();
    }

    private X509Certificate2 Issue(TimeSpan ttl = default, string? csr = null) => _issuer.Issue(csr ?? Csrs.Ec(), FooBar, ttl).Leaf;

    [Fact]
    public void Exactly_one_SAN_the_callers_SPIFFE_ID_critical_with_an_empty_subject()
    {
        var leaf = Issue();

        Assert.Equal(["URI:spiffe://cluster.local/ns/foo/sa/bar"], SubjectAltNames.Read(leaf.Extensions));
        Assert.True(leaf.Extensions[SubjectAltNames.SanOid]!.Critical);
        Assert.Empty(leaf.SubjectName.RawData.Skip(2)); // empty SEQUENCE: 30 00
    }

    [Fact]
    public void Leaf_is_not_a_CA_and_says_so_critically()
    {
        var constraints = Issue().Extensions.OfType<X509BasicConstraintsExtension>().Single();

        Assert.False(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
    }

    [Fact]
    public void Key_usage_is_critical_digitalSignature_for_EC_keys()
    {
        var usage = Issue().Extensions.OfType<X509KeyUsageExtension>().Single();

        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);
    }

    [Fact]
    public void Key_usage_adds_keyEncipherment_for_RSA_keys_and_never_keyCertSign()
    {
        var usage = Issue(csr: Csrs.Rsa(2048)).Extensions.OfType<X509KeyUsageExtension>().Single();

        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, usage.KeyUsages);
    }

    [Fact]
    public void Extended_key_usage_is_serverAuth_and_clientAuth()
    {
        var eku = Issue().Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();

        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
    }

    [Fact]
    public void Default_lifetime_is_24_hours_and_notBefore_is_backdated_2_minutes()
    {
        var leaf = Issue(TimeSpan.Zero);

        Assert.Equal(_clock.Now.AddMinutes(-2), new DateTimeOffset(leaf.NotBefore.ToUniversalTime()));
        Assert.Equal(_clock.Now.AddHours(24), new DateTimeOffset(leaf.NotAfter.ToUniversalTime()));
    }

    [Fact]
    public void A_requested_lifetime_up_to_90_days_is_honoured()
    {
        Assert.Equal(_clock.Now.AddHours(1), new DateTimeOffset(Issue(TimeSpan.FromHours(1)).NotAfter.ToUniversalTime()));
        Assert.Equal(_clock.Now.AddDays(90), new DateTimeOffset(Issue(TimeSpan.FromDays(90)).NotAfter.ToUniversalTime()));
    }

    [Fact]
    public void More_than_90_days_is_refused_not_clamped()
    {
        var e = Assert.Throws<IssuanceException>(() => Issue(TimeSpan.FromDays(90) + TimeSpan.FromSeconds(1)));

        Assert.Equal(IssuanceFailure.LifetimeTooLong, e.Failure);
    }

    [Fact]
    public void NotAfter_is_clamped_to_the_issuer_expiry()
    {
        using var dir = new TempDir();
        using var ca = MeshCaStore.LoadOrCreate(new CaOptions(dir.Path) { RootLifetime = TimeSpan.FromHours(2) }, _clock);

        var leaf = new SvidIssuer(ca, _clock).Issue(Csrs.Ec(), FooBar, TimeSpan.FromHours(24)).Leaf;

        Assert.Equal(ca.SigningCertificate.NotAfter, leaf.NotAfter);
        Assert.Equal(_clock.Now.AddHours(2), new DateTimeOffset(leaf.NotAfter.ToUniversalTime()));
    }

    [Fact]
    public void NotAfter_is_clamped_to_an_intermediate_that_expires_before_the_signer()
    {
        using var dir = new TempDir();
        var root = TestPki.Certificate("Root", null, _clock.Now.AddDays(-1), _clock.Now.AddYears(5));
        var intermediate = TestPki.Certificate("Short Intermediate", root, _clock.Now.AddDays(-1), _clock.Now.AddHours(3));
        var signer = TestPki.Certificate("Signer", intermediate, _clock.Now.AddDays(-1), _clock.Now.AddYears(1));
        TestPki.WritePlugged(dir.Path, signer, TestPki.Pem(intermediate), root);
        using var ca = MeshCaStore.LoadOrCreate(new CaOptions(dir.Path), _clock);

        var leaf = new SvidIssuer(ca, _clock).Issue(Csrs.Ec(), FooBar, TimeSpan.FromHours(24)).Leaf;

        Assert.Equal(_clock.Now.AddHours(3), new DateTimeOffset(leaf.NotAfter.ToUniversalTime()));
    }

    [Fact]
    public void An_expired_CA_does_not_sign()
    {
        using var dir = new TempDir();
        using var ca = MeshCaStore.LoadOrCreate(new CaOptions(dir.Path) { RootLifetime = TimeSpan.FromHours(2) }, _clock);
        _clock.Advance(TimeSpan.FromHours(3));

        var e = Assert.Throws<IssuanceException>(() => new SvidIssuer(ca, _clock).Issue(Csrs.Ec(), FooBar, TimeSpan.Zero));

        Assert.Equal(IssuanceFailure.CaNotValid, e.Failure);
    }

    [Fact]
    public void Serials_are_random_positive_and_at_least_64_bits()
    {
        var serials = Enumerable.Range(0, 20).Select(_ => Issue().GetSerialNumber().Reverse().ToArray()).ToList(); // big-endian

        Assert.All(serials, s =>
        {
            Assert.True(s.Length * 8 >= 64);
            Assert.True(s[0] < 0x80, "serial must be positive");
            Assert.Contains(s, b => b != 0);
        });
        Assert.Equal(serials.Count, serials.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void The_leaf_chains_to_the_root_and_names_it_by_key_identifier()
    {
        var svid = _issuer.Issue(Csrs.Ec(), FooBar, TimeSpan.Zero);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_ca.Roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _clock.Now.UtcDateTime;

        Assert.True(chain.Build(svid.Leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Single(svid.ChainPem); // the root signs directly: leaf only
        Assert.Equal(_ca.RootPem, svid.RootPem);
        var aki = svid.Leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single();
        var ski = _ca.SigningCertificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        Assert.Equal(ski.SubjectKeyIdentifierBytes.ToArray(), aki.KeyIdentifier!.Value.ToArray());
    }

    [Fact]
    public void The_trust_domain_is_the_CAs()
    {
        using var dir = new TempDir();
        using var ca = MeshCaStore.LoadOrCreate(new CaOptions(dir.Path) { TrustDomain = "example.org" }, _clock);

        var svid = new SvidIssuer(ca, _clock).Issue(Csrs.Ec(), FooBar, TimeSpan.Zero);

        Assert.Equal(["spiffe://example.org/ns/foo/sa/bar"], SubjectAltNames.Uris(svid.Leaf));
        Assert.Equal("spiffe://example.org/ns/foo/sa/bar", svid.Id.ToString());
    }
}
