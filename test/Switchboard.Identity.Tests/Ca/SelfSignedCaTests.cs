using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Ca;
using Switchboard.Identity.Storage;
using Switchboard.Identity.Tests.Support;

namespace Switchboard.Identity.Tests.Ca;

/// <summary>The self-signed mesh root: created on first start with safe file modes, reloaded unchanged afterwards.</summary>
public sealed class SelfSignedCaTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = ManualClock.At();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void First_start_writes_the_key_0600_and_the_certificate_0644()
    {
        using var ca = MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock);

        Assert.Equal(CaSource.SelfSigned, ca.Source);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.File(CaFiles.RootKey)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(_dir.File(CaFiles.Root)));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(_dir.File(CaFiles.RootKey)));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp")); // no temporary file left behind
    }

    [Fact]
    public void Root_is_a_P256_CA_valid_for_ten_years()
    {
        using var ca = MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock);
        var root = ca.SigningCertificate;

        Assert.Equal(root.SubjectName.RawData, root.IssuerName.RawData);
        Assert.Equal(256, root.GetECDsaPublicKey()!.KeySize);
        var constraints = root.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        var usage = root.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
        Assert.True(usage.Critical);
        Assert.Equal(_clock.Now.AddDays(3650), new DateTimeOffset(root.NotAfter.ToUniversalTime()));
        Assert.Contains("O=cluster.local", root.Subject);
        Assert.Empty(ca.IssuerChainPem); // leaves signed by the root are sent alone
    }

    [Fact]
    public void Second_start_loads_the_same_key_and_certificate()
    {
        byte[] firstKey, firstCert;
        using (var first = MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock))
        {
            firstKey = first.SigningCertificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKey();
            firstCert = first.SigningCertificate.RawData;
        }
        _clock.Advance(TimeSpan.FromDays(30));

        using var second = MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock);

        Assert.Equal(firstCert, second.SigningCertificate.RawData);
        Assert.Equal(firstKey, second.SigningCertificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKey());
    }

    [Fact]
    public void A_key_whose_certificate_was_lost_gets_a_new_certificate_for_the_same_key()
    {
        using (MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock)) { }
        var spki = File.ReadAllText(_dir.File(CaFiles.RootKey));
        File.Delete(_dir.File(CaFiles.Root));

        using var ca = MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock);

        using var key = ECDsa.Create();
        key.ImportFromPem(spki);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), ca.SigningCertificate.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.True(File.Exists(_dir.File(CaFiles.Root)));
    }

    [Fact]
    public void A_key_readable_by_others_is_refused_naming_the_file()
    {
        using (MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock)) { }
        File.SetUnixFileMode(_dir.File(CaFiles.RootKey), SecureFile.Public);

        var e = Assert.Throws<IdentityFileException>(() => MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock));

        Assert.Equal(_dir.File(CaFiles.RootKey), e.Path);
        Assert.Contains("chmod 600", e.Message);
    }

    [Fact]
    public void A_root_certificate_without_any_key_is_an_error_naming_it()
    {
        using (MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock)) { }
        File.Delete(_dir.File(CaFiles.RootKey));

        var e = Assert.Throws<IdentityFileException>(() => MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock));

        Assert.Equal(_dir.File(CaFiles.Root), e.Path);
    }

    [Fact]
    public void An_expired_root_is_refused_on_load()
    {
        using (MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path) { RootLifetime = TimeSpan.FromDays(1) }, _clock)) { }
        _clock.Advance(TimeSpan.FromDays(2));

        var e = Assert.Throws<IdentityFileException>(() => MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock));

        Assert.Contains("expired", e.Message);
    }

    [Fact]
    public async Task Concurrent_first_starts_agree_on_one_root()
    {
        var roots = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            using var ca = MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock);
            return Convert.ToHexString(ca.SigningCertificate.RawData);
        })));

        Assert.Single(roots.Distinct());
    }

    [Fact]
    public void An_invalid_trust_domain_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path) { TrustDomain = "Cluster.Local:8080" }, _clock));
    }
}
