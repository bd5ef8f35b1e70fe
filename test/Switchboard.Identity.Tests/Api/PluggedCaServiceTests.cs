using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Svid;
using Switchboard.Identity.Workload;

namespace Switchboard.Identity.Tests.Api;

/// <summary>With a plug-in (intermediate) CA, the workload receives the intermediates it must send with its leaf.</summary>
public sealed class PluggedCaServiceTests(PluggedCaServerFixture server) : IClassFixture<PluggedCaServerFixture>
{
    [Fact]
    public async Task The_workload_gets_its_leaf_the_signing_CA_and_the_intermediate_and_they_chain_to_the_root()
    {
        var token = server.Token("foo", "bar", TimeSpan.FromMinutes(10));
        var client = new Identity.Api.Protocol.CertificateService.CertificateServiceClient(ControlPlaneChannel.Create(server.Address, server.Roots));

        using var svid = await new WorkloadCertificateSource(client, () => token, server.Clock).FetchAsync(TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal(["CN=Test Signing CA", "CN=Test Intermediate"], svid.Intermediates.Select(c => c.Subject));
        Assert.Equal("CN=Test Root", Assert.Single(svid.Roots).Subject);
        Assert.Equal(["spiffe://cluster.local/ns/foo/sa/bar"], SubjectAltNames.Uris(svid.Certificate));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(svid.Roots);
        chain.ChainPolicy.ExtraStore.AddRange(svid.Intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(svid.Certificate));
        Assert.Equal(4, chain.ChainElements.Count);
    }
}
