using Switchboard.Identity.Ca;
using Switchboard.Identity.Storage;
using Switchboard.Identity.Tests.Support;

namespace Switchboard.Identity.Tests.Ca;

/// <summary>Plug-in files that are wrong in one way each: the load fails and the error names the file to fix.</summary>
public sealed class PluggedCaValidationTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = ManualClock.At();

    public void Dispose() => _dir.Dispose();

    private IdentityFileException LoadFails() =>
        Assert.Throws<IdentityFileException>(() => MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock));

    [Fact]
    public void A_valid_set_loads_with_cert_chain_holding_only_the_intermediate()
    {
        var (root, intermediate, signer) = TestPki.Hierarchy(_clock.Now);
        TestPki.WritePlugged(_dir.Path, signer, TestPki.Pem(intermediate), root);

        using var ca = MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), _clock);

        Assert.Equal(signer.RawData, ca.SigningCertificate.RawData);
        Assert.Equal(intermediate.RawData, Assert.Single(ca.Intermediates).RawData);
        Assert.Equal(root.RawData, Assert.Single(ca.Roots).RawData);
    }

    [Fact]
    public void A_key_that_is_not_the_certificates_names_ca_key_pem()
    {
        var (root, intermediate, signer) = TestPki.Hierarchy(_clock.Now);
        TestPki.WritePlugged(_dir.Path, signer, TestPki.Pem(intermediate), root, keyPem: TestPki.KeyPem(intermediate));

        var e = LoadFails();

        Assert.Equal(_dir.File(CaFiles.PluggedKey), e.Path);
        Assert.Contains("is not the private key of the certificate in ca-cert.pem", e.Message);
    }

    [Fact]
    public void A_signing_certificate_that_is_not_a_CA_names_ca_cert_pem()
    {
        var (root, intermediate, _) = TestPki.Hierarchy(_clock.Now);
        var leaf = TestPki.Certificate("not a ca", intermediate, _clock.Now.AddDays(-1), _clock.Now.AddDays(30), isCa: false);
        TestPki.WritePlugged(_dir.Path, leaf, TestPki.Pem(intermediate), root);

        var e = LoadFails();

        Assert.Equal(_dir.File(CaFiles.PluggedCert), e.Path);
        Assert.Contains("not a CA", e.Message);
    }

    [Fact]
    public void An_expired_signing_certificate_names_ca_cert_pem()
    {
        var (root, intermediate, _) = TestPki.Hierarchy(_clock.Now);
        var expired = TestPki.Certificate("old ca", intermediate, _clock.Now.AddDays(-1), _clock.Now.AddHours(-1));
        TestPki.WritePlugged(_dir.Path, expired, TestPki.Pem(intermediate), root);

        Assert.Equal(_dir.File(CaFiles.PluggedCert), LoadFails().Path);
    }

    [Fact]
    public void A_missing_root_names_root_cert_pem()
    {
        var (root, intermediate, signer) = TestPki.Hierarchy(_clock.Now);
        TestPki.WritePlugged(_dir.Path, signer, TestPki.Pem(intermediate), root);
        File.Delete(_dir.File(CaFiles.Root));

        var e = LoadFails();

        Assert.Equal(_dir.File(CaFiles.Root), e.Path);
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void A_key_without_its_certificate_names_ca_cert_pem()
    {
        File.WriteAllText(_dir.File(CaFiles.PluggedKey), "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");

        Assert.Equal(_dir.File(CaFiles.PluggedCert), LoadFails().Path);
    }

    [Fact]
    public void A_chain_missing_its_intermediate_names_cert_chain_pem()
    {
        var (root, _, signer) = TestPki.Hierarchy(_clock.Now);
        TestPki.WritePlugged(_dir.Path, signer, TestPki.Pem(signer), root);

        var e = LoadFails();

        Assert.Equal(_dir.File(CaFiles.PluggedChain), e.Path);
        Assert.Contains("does not chain to a root", e.Message);
    }

    [Fact]
    public void A_chain_to_a_different_root_names_cert_chain_pem()
    {
        var (_, intermediate, signer) = TestPki.Hierarchy(_clock.Now);
        var otherRoot = TestPki.Certificate("Other Root", null, _clock.Now.AddDays(-1), _clock.Now.AddYears(1));
        TestPki.WritePlugged(_dir.Path, signer, TestPki.Pem(intermediate), otherRoot);

        Assert.Equal(_dir.File(CaFiles.PluggedChain), LoadFails().Path);
    }

    [Fact]
    public void Garbage_in_a_certificate_file_names_it()
    {
        var (root, intermediate, signer) = TestPki.Hierarchy(_clock.Now);
        TestPki.WritePlugged(_dir.Path, signer, TestPki.Pem(intermediate), root);
        File.WriteAllText(_dir.File(CaFiles.Root), "not pem at all\n");

        Assert.Equal(_dir.File(CaFiles.Root), LoadFails().Path);
    }
}
