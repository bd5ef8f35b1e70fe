using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Switchboard.Identity.Ca;
using Switchboard.Identity.Spiffe;
using Switchboard.Identity.Svid;
using Switchboard.Identity.Tests.Support;
using Switchboard.Identity.Workload;

namespace Switchboard.Identity.Tests.Workload;

/// <summary>The certificate summary behind <c>sbctl proxy-config secret</c>, from a certificate the mesh CA issued.</summary>
public sealed class CertificateInfoTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = ManualClock.At();
    private readonly MeshCa _ca;
    private readonly WorkloadCertificate _certificate;

    public CertificateInfoTests()
    {
        _ca = MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock);
        var issued = new SvidIssuer(_ca, _clock).Issue(Csrs.Ec(), new WorkloadIdentity("foo", "bar"), TimeSpan.Zero);
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(issued.RootPem);
        _certificate = new WorkloadCertificate(issued.Leaf, [], roots, issued.Id.ToString(), _clock.Now.AddHours(12));
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _ca.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Summarizes_the_certificate()
    {
        var info = CertificateInfo.From(_certificate, _clock.Now);

        Assert.Equal("spiffe://cluster.local/ns/foo/sa/bar", info.SpiffeId);
        Assert.Equal(_certificate.Certificate.SerialNumber.ToLowerInvariant(), info.SerialNumber);
        Assert.Equal(_clock.Now - SvidPolicy.Backdate, info.NotBefore);
        Assert.Equal(_clock.Now + SvidPolicy.DefaultTtl, info.NotAfter);
        Assert.Equal(_ca.SigningCertificate.SubjectName.Name, info.Issuer);
        Assert.Contains("CN=Switchboard Mesh Root CA", info.Issuer);
        Assert.Equal([_ca.Roots[0].GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant()], info.RootFingerprints);
        Assert.Equal(CertificateInfo.Active, info.State);
    }

    [Fact]
    public void One_fingerprint_per_root_in_bundle_order()
    {
        var (other, _, _) = TestPki.Hierarchy(_clock.Now);
        _certificate.Roots.Add(other);

        var info = CertificateInfo.From(_certificate, _clock.Now);

        Assert.Equal(2, info.RootFingerprints.Count);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(other.RawData)), info.RootFingerprints[1]);
        Assert.All(info.RootFingerprints, f => Assert.Matches("^[0-9a-f]{64}$", f));
    }

    [Theory]
    [InlineData(-1, CertificateInfo.Active)]
    [InlineData(0, CertificateInfo.Expired)]
    [InlineData(3600, CertificateInfo.Expired)]
    public void Expired_from_the_notAfter_second(int secondsAfterNotAfter, string state)
    {
        var now = _certificate.NotAfter.AddSeconds(secondsAfterNotAfter);

        Assert.Equal(state, CertificateInfo.From(_certificate, now).State);
    }

    [Fact]
    public void Json_has_every_field_in_order()
    {
        var info = new CertificateInfo("spiffe://cluster.local/ns/foo/sa/bar", "4a0f", new DateTimeOffset(2026, 11, 26, 11, 58, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), "O=cluster.local, CN=Switchboard Mesh Root CA", ["ab01", "cd02"], "ACTIVE");

        var json = CertificateInfoJson.Serialize(info);

        Assert.Equal(
            """{"spiffeId":"spiffe://cluster.local/ns/foo/sa/bar","serialNumber":"4a0f","notBefore":"2026-11-26T11:58:00+00:00","notAfter":"2026-11-27T12:00:00+00:00","issuer":"O=cluster.local, CN=Switchboard Mesh Root CA","rootFingerprints":["ab01","cd02"],"state":"ACTIVE"}""",
            json);
    }

    [Fact]
    public void Json_round_trips_through_a_parser()
    {
        var info = CertificateInfo.From(_certificate, _clock.Now);

        using var document = JsonDocument.Parse(CertificateInfoJson.Serialize(info, indented: true));
        var root = document.RootElement;

        Assert.Equal(info.SpiffeId, root.GetProperty("spiffeId").GetString());
        Assert.Equal(info.SerialNumber, root.GetProperty("serialNumber").GetString());
        Assert.Equal(info.NotBefore, root.GetProperty("notBefore").GetDateTimeOffset());
        Assert.Equal(info.NotAfter, root.GetProperty("notAfter").GetDateTimeOffset());
        Assert.Equal(info.Issuer, root.GetProperty("issuer").GetString());
        Assert.Equal(info.RootFingerprints, root.GetProperty("rootFingerprints").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal("ACTIVE", root.GetProperty("state").GetString());
    }
}
