using Switchboard.Identity.Ca;
using Switchboard.Identity.Spiffe;
using Switchboard.Identity.Svid;
using Switchboard.Identity.Tests.Support;

namespace Switchboard.Identity.Tests.Ca;

/// <summary>
/// Interoperability with the openssl command line, both ways: a plug-in CA made by openssl as Istio's
/// <c>tools/certs</c> does (EC root, RSA intermediate, RSA signing CA, key in PKCS#1) is loaded, and the
/// leaves it issues pass <c>openssl verify</c> through the whole chain.
/// </summary>
public sealed class PluggedCaOpensslTests : IDisposable
{
    private const string CaExtensions = "basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n";
    private readonly TempDir _work = new();
    private readonly TempDir _cacerts = new();
    private readonly ManualClock _clock;

    public PluggedCaOpensslTests()
    {
        var w = _work.Path;
        File.WriteAllText(_work.File("ca.ext"), CaExtensions);
        Openssl.Ok(w, "req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "root-key.pem",
            "-out", "root-cert.pem", "-subj", "/O=Istio/CN=Root CA", "-days", "3650",
            "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        SignCa("int", "Intermediate CA", "root");
        SignCa("ca", "Cluster CA", "int");
        Openssl.Ok(w, "rsa", "-in", "ca-key.pem", "-traditional", "-out", "ca-key-pkcs1.pem");

        // Istio's layout: cert-chain.pem = ca-cert, intermediates, root (both ends repeated).
        File.Copy(_work.File("ca-cert.pem"), _cacerts.File(CaFiles.PluggedCert));
        File.Copy(_work.File("ca-key-pkcs1.pem"), _cacerts.File(CaFiles.PluggedKey));
        File.Copy(_work.File("root-cert.pem"), _cacerts.File(CaFiles.Root));
        File.WriteAllText(_cacerts.File(CaFiles.PluggedChain),
            string.Concat(new[] { "ca-cert.pem", "int-cert.pem", "root-cert.pem" }.Select(f => File.ReadAllText(_work.File(f)))));
        // Read the clock after openssl stamped notBefore = its now (a CA is not valid before it was made).
        _clock = ManualClock.AtRealNow();
        _clock.Advance(TimeSpan.FromSeconds(1));
    }

    private void SignCa(string name, string cn, string issuer)
    {
        Openssl.Ok(_work.Path, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{name}-key.pem", "-out", $"{name}.csr", "-subj", $"/O=Istio/CN={cn}");
        Openssl.Ok(_work.Path, "x509", "-req", "-in", $"{name}.csr", "-CA", $"{issuer}-cert.pem", "-CAkey", $"{issuer}-key.pem", "-CAcreateserial",
            "-days", "730", "-extfile", "ca.ext", "-out", $"{name}-cert.pem");
    }

    public void Dispose()
    {
        _work.Dispose();
        _cacerts.Dispose();
    }

    [Fact]
    public void Openssl_made_plug_in_files_load_as_an_intermediate_CA()
    {
        using var ca = MeshCaStore.LoadOrCreate(new CaOptions(_cacerts.Path), _clock);

        Assert.Equal(CaSource.Plugged, ca.Source);
        Assert.Contains("CN=Cluster CA", ca.SigningCertificate.Subject);
        Assert.Equal("Intermediate CA", Assert.Single(ca.Intermediates).GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
        Assert.Equal(2, ca.IssuerChainPem.Count); // ca-cert, then the intermediate; the root is not sent
        Assert.False(File.Exists(_cacerts.File(CaFiles.RootKey)), "a plugged CA must not create a root of its own");
    }

    [Theory]
    [InlineData("ec")]
    [InlineData("rsa")]
    public void Leaves_verify_with_openssl_through_ca_cert_and_cert_chain_to_the_root(string keyType)
    {
        using var ca = MeshCaStore.LoadOrCreate(new CaOptions(_cacerts.Path), _clock);
        var csr = keyType == "ec" ? Csrs.Ec() : Csrs.Rsa(2048);
        var svid = new SvidIssuer(ca, _clock).Issue(csr, new WorkloadIdentity("foo", "bar"), TimeSpan.Zero);
        File.WriteAllText(_work.File("leaf.pem"), svid.ChainPem[0] + "\n");
        File.WriteAllText(_work.File("untrusted.pem"), string.Join("\n", svid.ChainPem.Skip(1)) + "\n");
        File.WriteAllText(_work.File("bundle.pem"), svid.RootPem);

        var verified = Openssl.Ok(_work.Path, "verify", "-CAfile", "bundle.pem", "-untrusted", "untrusted.pem", "leaf.pem");
        Openssl.Ok(_work.Path, "verify", "-purpose", "sslserver", "-CAfile", "bundle.pem", "-untrusted", "untrusted.pem", "leaf.pem");
        Openssl.Ok(_work.Path, "verify", "-purpose", "sslclient", "-CAfile", "bundle.pem", "-untrusted", "untrusted.pem", "leaf.pem");
        // Without the chain the leaf must not verify: the intermediates really are needed and really are sent.
        Assert.NotEqual(0, Openssl.Run(_work.Path, "verify", "-CAfile", "bundle.pem", "leaf.pem").Exit);

        Assert.Contains("leaf.pem: OK", verified);
        var text = Openssl.Ok(_work.Path, "x509", "-in", "leaf.pem", "-noout", "-text");
        Assert.Contains("URI:spiffe://cluster.local/ns/foo/sa/bar", text);
        Assert.Contains("X509v3 Subject Alternative Name: critical", text);
        Assert.Contains("X509v3 Basic Constraints: critical", text);
        Assert.Contains("CA:FALSE", text);
        Assert.Contains("X509v3 Key Usage: critical", text);
        Assert.Contains("TLS Web Server Authentication, TLS Web Client Authentication", text);
        Assert.Contains("Signature Algorithm: sha256WithRSAEncryption", text); // signed by the RSA ca-key.pem
    }

    [Fact]
    public void Self_signed_root_leaves_verify_with_openssl()
    {
        using var dir = new TempDir();
        using var ca = MeshCaStore.LoadOrCreate(new CaOptions(dir.Path), _clock);
        var svid = new SvidIssuer(ca, _clock).Issue(Csrs.Ec(), new WorkloadIdentity("foo", "bar"), TimeSpan.Zero);
        File.WriteAllText(dir.File("leaf.pem"), svid.ChainPem[0] + "\n");

        Assert.Contains("leaf.pem: OK", Openssl.Ok(dir.Path, "verify", "-CAfile", CaFiles.Root, "leaf.pem"));
        var root = Openssl.Ok(dir.Path, "x509", "-in", CaFiles.Root, "-noout", "-text");
        Assert.Contains("CA:TRUE", root);
        Assert.Contains("Certificate Sign, CRL Sign", root);
        Assert.Contains("ASN1 OID: prime256v1", root);
        Openssl.Ok(dir.Path, "pkey", "-in", CaFiles.RootKey, "-noout"); // the persisted key is readable by openssl
    }
}
