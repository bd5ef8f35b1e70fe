using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests;

/// <summary>DestinationRule TLS origination (SIMPLE, MUTUAL) against real TLS upstreams with a test CA.</summary>
public sealed class UpstreamTlsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-tls-");
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _ca;

    public UpstreamTlsTests()
    {
        var request = new CertificateRequest("CN=test mesh root", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(CaFile, _ca.ExportCertificatePem());
    }

    private string CaFile => Path.Combine(_dir.FullName, "ca.pem");

    public void Dispose()
    {
        _dir.Delete(recursive: true);
        _ca.Dispose();
        _caKey.Dispose();
    }

    /// <summary>A leaf certificate for <paramref name="dns"/> signed by the test CA, with its key.</summary>
    private X509Certificate2 Leaf(string dns)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dns}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dns);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3, 4]);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Kestrel wants an exportable, persisted key: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    private static Func<Cluster, Cluster> Tls(UpstreamTls tls) => c => c with { Tls = tls };

    [Fact]
    public async Task Simple_tls_verifies_the_server_against_the_ca_file()
    {
        await using var upstream = await TestUpstream.StartAsync("secure", Leaf(Configs.Host), requireClientCertificate: false);
        var config = Configs.With([Configs.Forward()], [("", new[] { upstream.Port }, Tls(new UpstreamTls { Mode = UpstreamTlsMode.Simple, CaCertificates = CaFile }))]);
        await using var proxy = await ProxyUnderTest.StartAsync(config);
        var response = await proxy.Client.GetAsync($"{Configs.Url}/");
        Assert.True(response.IsSuccessStatusCode, proxy.AccessLog.ToString());
        Assert.Equal("secure", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Http2_clusters_negotiate_h2_over_tls()
    {
        await using var upstream = await TestUpstream.StartAsync("h2", Leaf(Configs.Host), requireClientCertificate: false);
        Func<Cluster, Cluster> shape = c => c with { Protocol = "http2", Tls = new UpstreamTls { Mode = UpstreamTlsMode.Simple, CaCertificates = CaFile } };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { upstream.Port }, shape)]));
        Assert.Equal("h2", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
        Assert.Equal("HTTP/2", upstream.Last!.Protocol);
    }

    [Fact]
    public async Task Server_with_another_name_or_an_untrusted_ca_is_refused_as_UF()
    {
        await using var wrongName = await TestUpstream.StartAsync("wrong-name", Leaf("other.example.com"), requireClientCertificate: false);
        var config = Configs.With([Configs.Forward()], [("", new[] { wrongName.Port }, Tls(new UpstreamTls { Mode = UpstreamTlsMode.Simple, CaCertificates = CaFile }))]);
        await using var proxy = await ProxyUnderTest.StartAsync(config);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await proxy.Client.GetAsync($"{Configs.Url}/")).StatusCode);
        Assert.Contains(" 503 UF ", proxy.AccessLog.ToString());
        Assert.Equal(0, wrongName.Requests);

        // The system roots do not know the test CA either.
        await using var untrusted = await TestUpstream.StartAsync("untrusted", Leaf(Configs.Host), requireClientCertificate: false);
        var noCa = Configs.With([Configs.Forward()], [("", new[] { untrusted.Port }, Tls(new UpstreamTls { Mode = UpstreamTlsMode.Simple }))]);
        await using var proxy2 = await ProxyUnderTest.StartAsync(noCa);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await proxy2.Client.GetAsync($"{Configs.Url}/")).StatusCode);
    }

    [Fact]
    public async Task Subject_alt_names_pin_the_server_identity()
    {
        await using var upstream = await TestUpstream.StartAsync("pinned", Leaf("payments.internal"), requireClientCertificate: false);
        var pinned = new UpstreamTls { Mode = UpstreamTlsMode.Simple, CaCertificates = CaFile, SubjectAltNames = ["payments.internal"] };
        await using var ok = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { upstream.Port }, Tls(pinned))]));
        Assert.Equal("pinned", await ok.Client.GetStringAsync($"{Configs.Url}/"));
        var wrong = pinned with { SubjectAltNames = ["ledger.internal"] };
        await using var refused = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { upstream.Port }, Tls(wrong))]));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await refused.Client.GetAsync($"{Configs.Url}/")).StatusCode);
    }

    [Fact]
    public async Task Mutual_tls_presents_the_client_certificate()
    {
        await using var upstream = await TestUpstream.StartAsync("mutual", Leaf(Configs.Host), requireClientCertificate: true);
        using var client = Leaf("checkout.production");
        var certFile = Path.Combine(_dir.FullName, "client.pem");
        var keyFile = Path.Combine(_dir.FullName, "client-key.pem");
        File.WriteAllText(certFile, client.ExportCertificatePem());
        File.WriteAllText(keyFile, client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var tls = new UpstreamTls { Mode = UpstreamTlsMode.Mutual, CaCertificates = CaFile, ClientCertificate = certFile, PrivateKey = keyFile };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { upstream.Port }, Tls(tls))]));
        Assert.Equal("mutual", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
        Assert.Equal("CN=checkout.production", upstream.ClientCertificateSubject);
    }
}
