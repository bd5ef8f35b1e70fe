using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Spiffe;
using Switchboard.Identity.Svid;
using Switchboard.Identity.Tests.Support;
using F = Switchboard.Identity.Svid.PeerCertificateFailure;

namespace Switchboard.Identity.Tests.Svid;

/// <summary>
/// The peer-certificate reject list (security-and-reliability.md §H; X509-SVID §5; SPIFFE-ID §2) as a table:
/// each case changes one thing about a conforming SVID and names the failure it must produce.
/// </summary>
public sealed class PeerCertificateValidatorTests : IDisposable
{
    private readonly PeerPki _pki = new();

    public void Dispose() => _pki.Dispose();

    /// <summary>A peer as seen in a handshake: its leaf, what else it sent, and the role whose EKU is checked.</summary>
    private sealed record Peer(X509Certificate2 Leaf, X509Certificate2[] Presented, PeerRole Role = PeerRole.Client);

    private static readonly Dictionary<string, (Func<PeerPki, Peer> Make, F Expected)> Rejections = new()
    {
        ["wrong trust domain"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://other.local/ns/foo/sa/bar"] }), F.WrongTrustDomain),
        ["two URI SANs"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://cluster.local/ns/foo/sa/bar", "spiffe://cluster.local/ns/foo/sa/baz"] }), F.MultipleUriSans),
        ["URI SAN not spiffe"] = (p => Sent(p, new LeafSpec { Uris = ["https://cluster.local/ns/foo/sa/bar"] }), F.UriSanNotSpiffe),
        ["URI SAN with uppercase scheme"] = (p => Sent(p, new LeafSpec { Uris = ["SPIFFE://cluster.local/ns/foo/sa/bar"] }), F.UriSanNotSpiffe),
        ["no URI SAN"] = (p => Sent(p, new LeafSpec { Uris = [], DnsNames = ["bar.foo.svc.cluster.local"] }), F.NoUriSan),
        ["no SAN at all"] = (p => Sent(p, new LeafSpec { Uris = [] }), F.NoUriSan),
        ["DNS SAN spelled like a SPIFFE ID"] = (p => Sent(p, new LeafSpec { Uris = [], DnsNames = ["spiffe://cluster.local/ns/foo/sa/bar"] }), F.NoUriSan),
        ["URI SAN with embedded NUL"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://cluster.local/ns/foo/sa/bar\0evil"] }), F.MalformedExtension),
        ["root path in a leaf"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://cluster.local"] }), F.InvalidSpiffeId),
        ["root path with slash"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://cluster.local/"] }), F.InvalidSpiffeId),
        ["uppercase trust domain"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://Cluster.local/ns/foo/sa/bar"] }), F.InvalidSpiffeId),
        ["trust domain with port"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://cluster.local:443/ns/foo/sa/bar"] }), F.InvalidSpiffeId),
        ["trust domain with userinfo"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://admin@cluster.local/ns/foo/sa/bar"] }), F.InvalidSpiffeId),
        ["dot-dot segment"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://cluster.local/ns/foo/../sa/bar"] }), F.InvalidSpiffeId),
        ["percent-encoded dot"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://cluster.local/ns/%2e/sa/bar"] }), F.InvalidSpiffeId),
        ["trailing slash"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://cluster.local/ns/foo/sa/bar/"] }), F.InvalidSpiffeId),
        ["query"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://cluster.local/ns/foo/sa/bar?x=1"] }), F.InvalidSpiffeId),
        ["not the workload shape"] = (p => Sent(p, new LeafSpec { Uris = ["spiffe://cluster.local/payments/api"] }), F.NotWorkloadIdentity),
        ["CA bit set on leaf"] = (p => Sent(p, new LeafSpec { IsCa = true }), F.LeafIsCa),
        ["expired"] = (p => Sent(p, new LeafSpec { NotBefore = TimeSpan.FromHours(-25), NotAfter = TimeSpan.FromSeconds(-1) }), F.Expired),
        ["at its notAfter second"] = (p => Sent(p, new LeafSpec { NotAfter = TimeSpan.Zero }), F.Expired),
        ["not yet valid"] = (p => Sent(p, new LeafSpec { NotBefore = TimeSpan.FromMinutes(5), NotAfter = TimeSpan.FromHours(24) }), F.NotYetValid),
        ["chains to another root, sent in full"] = (p => new Peer(p.Leaf(issuer: p.OtherIntermediate), [p.OtherIntermediate, p.OtherRoot]), F.UntrustedRoot),
        ["chains to another root, root not sent"] = (p => new Peer(p.Leaf(issuer: p.OtherIntermediate), [p.OtherIntermediate]), F.IncompleteChain),
        ["self-signed leaf"] = (p => new Peer(SelfSigned(), []), F.UntrustedRoot),
        ["missing intermediate"] = (p => new Peer(p.Leaf(), []), F.IncompleteChain),
        ["signature by another key"] = (p => new Peer(p.Leaf(signingKey: ECDsa.Create(ECCurve.NamedCurves.nistP256)), [p.Intermediate]), F.InvalidSignature),
        ["issued by a leaf"] = (p => IssuedByLeaf(p), F.IssuerNotCa),
        ["keyUsage without digitalSignature"] = (p => Sent(p, new LeafSpec { KeyUsage = X509KeyUsageFlags.KeyEncipherment }), F.MissingDigitalSignature),
        ["keyCertSign on leaf"] = (p => Sent(p, new LeafSpec { KeyUsage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign }), F.LeafCanSign),
        ["cRLSign on leaf"] = (p => Sent(p, new LeafSpec { KeyUsage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.CrlSign }), F.LeafCanSign),
        ["EKU serverAuth-only used as client"] = (p => Sent(p, new LeafSpec { Eku = [LeafSpec.ServerAuth] }, PeerRole.Client), F.MissingExtendedKeyUsage),
        ["EKU clientAuth-only used as server"] = (p => Sent(p, new LeafSpec { Eku = [LeafSpec.ClientAuth] }, PeerRole.Server), F.MissingExtendedKeyUsage),
        ["EKU anyExtendedKeyUsage only"] = (p => Sent(p, new LeafSpec { Eku = ["2.5.29.37.0"] }), F.MissingExtendedKeyUsage),
    };

    public static TheoryData<string> RejectionNames => [.. Rejections.Keys];

    [Theory]
    [MemberData(nameof(RejectionNames))]
    public void Rejected_with_the_right_failure(string name)
    {
        var (make, expected) = Rejections[name];
        var peer = make(_pki);

        var result = Validate(peer);

        Assert.False(result.IsValid, $"{name}: accepted as {result.Id}");
        Assert.Equal(expected, result.Failure);
        Assert.Null(result.Id);
        Assert.NotEmpty(result.Detail);
    }

    public static TheoryData<string> AcceptedNames => [.. Accepted.Keys];

    private static readonly Dictionary<string, Func<PeerPki, Peer>> Accepted = new()
    {
        ["conforming SVID, peer is client"] = p => Sent(p, new LeafSpec(), PeerRole.Client),
        ["conforming SVID, peer is server"] = p => Sent(p, new LeafSpec(), PeerRole.Server),
        ["DNS SAN beside one URI SAN"] = p => Sent(p, new LeafSpec { DnsNames = ["bar.foo.svc.cluster.local"] }),
        ["RSA-style keyUsage (digitalSignature, keyEncipherment)"] = p => Sent(p, new LeafSpec { KeyUsage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment }),
        ["serverAuth-only EKU on a server"] = p => Sent(p, new LeafSpec { Eku = [LeafSpec.ServerAuth] }, PeerRole.Server),
        ["no keyUsage, no EKU, no basicConstraints"] = p => Sent(p, new LeafSpec { KeyUsage = null, Eku = null, IsCa = null }),
        ["leaf also in the presented list"] = p => { var leaf = p.Leaf(); return new Peer(leaf, [leaf, p.Intermediate]); },
        ["root sent too"] = p => new Peer(p.Leaf(), [p.Intermediate, p.Root]),
        ["valid from this very second"] = p => Sent(p, new LeafSpec { NotBefore = TimeSpan.Zero }),
    };

    [Theory]
    [MemberData(nameof(AcceptedNames))]
    public void Accepted_with_the_peer_identity(string name)
    {
        var result = Validate(Accepted[name](_pki));

        Assert.True(result.IsValid, $"{name}: {result}");
        Assert.Equal(PeerCertificateFailure.None, result.Failure);
        Assert.Equal("spiffe://cluster.local/ns/foo/sa/bar", result.Id.ToString());
        Assert.Equal(new WorkloadIdentity("foo", "bar"), result.Id.Workload);
    }

    [Fact]
    public void Leaf_signed_directly_by_the_root_is_accepted()
    {
        var result = Validate(new Peer(_pki.Leaf(issuer: _pki.Root), []));

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void An_expired_intermediate_is_named_in_the_detail()
    {
        var old = TestPki.Certificate("Old Intermediate", _pki.Root, PeerPki.Now.AddDays(-30), PeerPki.Now.AddDays(-1));
        var result = Validate(new Peer(_pki.Leaf(issuer: old), [old]));

        Assert.Equal(F.Expired, result.Failure);
        Assert.Contains("Old Intermediate", result.Detail);
    }

    [Fact]
    public void The_time_argument_decides_not_the_machine_clock()
    {
        var peer = Sent(_pki, new LeafSpec());

        Assert.True(Validate(peer, PeerPki.Now).IsValid);
        Assert.True(Validate(peer, PeerPki.Now.AddHours(23).AddSeconds(-1)).IsValid);
        Assert.Equal(F.Expired, Validate(peer, PeerPki.Now.AddHours(23)).Failure);
        Assert.Equal(F.NotYetValid, Validate(peer, PeerPki.Now.AddHours(-1).AddSeconds(-1)).Failure);
    }

    [Fact]
    public void An_empty_trust_bundle_trusts_nothing()
    {
        var peer = Sent(_pki, new LeafSpec());

        var result = PeerCertificateValidator.Validate(peer.Leaf, [.. peer.Presented], [], "cluster.local", PeerRole.Client, PeerPki.Now);

        Assert.Equal(F.EmptyTrustBundle, result.Failure);
    }

    [Fact]
    public void A_root_in_a_bundle_of_two_is_trusted()
    {
        // Root rotation (Istio's A, A+B, B-intermediate, B steps): a bundle of both roots accepts leaves of either.
        var peer = new Peer(_pki.Leaf(issuer: _pki.OtherIntermediate), [_pki.OtherIntermediate]);

        var result = PeerCertificateValidator.Validate(peer.Leaf, [.. peer.Presented], [_pki.Root, _pki.OtherRoot], "cluster.local", PeerRole.Client, PeerPki.Now);

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void A_bundle_entry_that_is_not_a_CA_vouches_for_nothing()
    {
        var notCa = TestPki.Certificate("Not A CA", null, PeerPki.Now.AddDays(-1), PeerPki.Now.AddDays(1), isCa: false);
        var leaf = _pki.Leaf(issuer: notCa);

        var result = PeerCertificateValidator.Validate(leaf, [], [notCa], "cluster.local", PeerRole.Client, PeerPki.Now);

        Assert.Equal(F.IssuerNotCa, result.Failure);
    }

    [Fact]
    public void An_intermediate_whose_keyUsage_lacks_keyCertSign_may_not_issue()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Signing-less Intermediate", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var rootKey = _pki.Root.GetECDsaPrivateKey()!;
        using var issued = request.Create(_pki.Root.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), PeerPki.Now.AddDays(-1), PeerPki.Now.AddDays(1), SerialNumber.Next());
        using var intermediate = issued.CopyWithPrivateKey(key);

        var result = Validate(new Peer(_pki.Leaf(issuer: intermediate), [intermediate]));

        Assert.Equal(F.IssuerNotCa, result.Failure);
    }

    [Fact]
    public void An_invalid_expected_trust_domain_is_a_programming_error()
    {
        var peer = Sent(_pki, new LeafSpec());

        Assert.Throws<ArgumentException>(() => PeerCertificateValidator.Validate(peer.Leaf, [], _pki.Bundle, "Cluster.Local", PeerRole.Client, PeerPki.Now));
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "spiffe://cluster.local/ns/foo/sa/bar" }, true)]
    [InlineData(new[] { "spiffe://cluster.local/ns/foo/sa/other", "spiffe://cluster.local/ns/foo/sa/bar" }, true)]
    [InlineData(new[] { "spiffe://cluster.local/ns/foo/sa/other" }, false)]
    [InlineData(new[] { "spiffe://cluster.local/ns/foo/sa/BAR" }, false)]
    [InlineData(new[] { "spiffe://cluster.local/ns/foo/sa/bar/" }, false)]
    [InlineData(new[] { "ns/foo/sa/bar" }, false)]
    public void Secure_naming(string[] allowed, bool expected)
    {
        var id = SpiffeId.Create("cluster.local", new WorkloadIdentity("foo", "bar"));

        Assert.Equal(expected, PeerCertificateValidator.IsOneOf(id, allowed));
    }

    private PeerValidationResult Validate(Peer peer, DateTimeOffset? now = null) =>
        PeerCertificateValidator.Validate(peer.Leaf, [.. peer.Presented], _pki.Bundle, "cluster.local", peer.Role, now ?? PeerPki.Now);

    private static Peer Sent(PeerPki pki, LeafSpec spec, PeerRole role = PeerRole.Client) => new(pki.Leaf(spec), [pki.Intermediate], role);

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName(""), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509Extension(SubjectAltNames.SanOid, PeerPki.SanDer(["spiffe://cluster.local/ns/foo/sa/bar"], []), true));
        return request.CreateSelfSigned(PeerPki.Now.AddHours(-1), PeerPki.Now.AddHours(1));
    }

    /// <summary>A mesh leaf (valid itself, cA=false) used as an issuer: it must not be able to mint identities.</summary>
    private static Peer IssuedByLeaf(PeerPki pki)
    {
        var middle = pki.Leaf(new LeafSpec { Uris = ["spiffe://cluster.local/ns/foo/sa/mallory"], Subject = "CN=mallory" });
        var forged = pki.Leaf(issuer: middle);
        return new Peer(forged, [middle, pki.Intermediate]);
    }
}
