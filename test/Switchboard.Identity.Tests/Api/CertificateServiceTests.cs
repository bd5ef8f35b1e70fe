using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Switchboard.Identity.Api.Protocol;
using Switchboard.Identity.Svid;
using Switchboard.Identity.Tests.Support;
using Switchboard.Identity.Workload;

namespace Switchboard.Identity.Tests.Api;

/// <summary>The CSR flow end to end over gRPC and TLS: a proxy with only the mesh root and a token gets its SVID.</summary>
public sealed class CertificateServiceTests(CaServerFixture server) : IClassFixture<CaServerFixture>
{
    private CertificateService.CertificateServiceClient Client(X509Certificate2Collection? roots = null) =>
        new(ControlPlaneChannel.Create(server.Address, roots ?? server.Roots));

    private static Task<CertificateResponse> Call(CertificateService.CertificateServiceClient client, string csr, string? token, long seconds = 0) =>
        client.CreateCertificateAsync(new Identity.Api.Protocol.CertificateRequest { Csr = csr, ValidityDuration = seconds },
            token is null ? new Metadata() : new Metadata { { "authorization", "Bearer " + token } }).ResponseAsync;

    [Fact]
    public async Task A_valid_token_gets_a_certificate_for_its_identity_with_the_key_kept_local()
    {
        var token = server.Token("payments", "checkout", TimeSpan.FromMinutes(10));
        var source = new WorkloadCertificateSource(Client(), () => token, server.Clock, () => 0.5);

        using var svid = await source.FetchAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.Equal("spiffe://cluster.local/ns/payments/sa/checkout", svid.SpiffeId);
        Assert.Equal(["spiffe://cluster.local/ns/payments/sa/checkout"], SubjectAltNames.Uris(svid.Certificate));
        Assert.True(svid.Certificate.HasPrivateKey);
        Assert.Equal(TimeSpan.FromHours(24) + SvidPolicy.Backdate, svid.Certificate.NotAfter - svid.Certificate.NotBefore);
        Assert.Equal(server.Ca.SigningCertificate.RawData, Assert.Single(svid.Roots).RawData);
        Assert.Empty(svid.Intermediates);
        var halfLife = svid.Certificate.NotAfter.ToUniversalTime() - (svid.Certificate.NotAfter - svid.Certificate.NotBefore) / 2;
        Assert.Equal(new DateTimeOffset(halfLife), svid.RenewAt);
    }

    [Fact]
    public async Task No_token_is_unauthenticated()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Call(Client(), Csrs.Ec(), token: null));

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains("authorization: Bearer", e.Status.Detail);
    }

    [Fact]
    public async Task An_expired_token_is_unauthenticated()
    {
        var token = server.Token("payments", "checkout", TimeSpan.FromMinutes(10), mintedAt: server.Clock.Now.AddHours(-1));

        var e = await Assert.ThrowsAsync<RpcException>(() => Call(Client(), Csrs.Ec(), token));

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains("Expired", e.Status.Detail);
        Assert.DoesNotContain(token, e.Status.Detail);
    }

    [Fact]
    public async Task A_CSR_for_another_identity_is_permission_denied()
    {
        var token = server.Token("foo", "bar", TimeSpan.FromMinutes(10));

        var e = await Assert.ThrowsAsync<RpcException>(() => Call(Client(), Csrs.Ec(null, "spiffe://cluster.local/ns/kube-system/sa/admin"), token));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Theory]
    [InlineData("not a csr", 0)]
    [InlineData(null, 91L * 24 * 3600)]
    [InlineData(null, -1)]
    [InlineData("", 0)]
    public async Task Bad_requests_are_invalid_arguments(string? csr, long seconds)
    {
        var token = server.Token("foo", "bar", TimeSpan.FromMinutes(10));

        var e = await Assert.ThrowsAsync<RpcException>(() => Call(Client(), csr ?? Csrs.Ec(), token, seconds));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task A_channel_trusting_another_root_does_not_connect()
    {
        var stranger = TestPki.Certificate("Stranger Root", null, server.Clock.Now.AddDays(-1), server.Clock.Now.AddDays(1));
        var token = server.Token("foo", "bar", TimeSpan.FromMinutes(10));

        var e = await Assert.ThrowsAsync<RpcException>(() => Call(Client([stranger]), Csrs.Ec(), token));

        // The TLS handshake fails on our side: the server's chain does not end at a root we trust.
        var causes = new List<Exception>();
        for (var x = e.Status.DebugException; x is not null; x = x.InnerException) causes.Add(x);
        Assert.Contains(causes, x => x is System.Security.Authentication.AuthenticationException);
    }
}
