using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Identity.Api;
using Switchboard.Identity.Ca;
using Switchboard.Identity.Svid;
using Switchboard.Identity.Tests.Support;
using Switchboard.Identity.Tokens;

namespace Switchboard.Identity.Tests.Api;

/// <summary>
/// The certificate service on a real Kestrel HTTPS/HTTP2 listener on 127.0.0.1, port 0, served with a certificate
/// from the mesh CA itself (as the control plane will serve 15012), assembled the way ControlPlaneHost does.
/// </summary>
public class CaServerFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private WebApplication? _app;

    public ManualClock Clock { get; } = ManualClock.AtRealNow();

    public ECDsa TokenKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public MeshCa Ca { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PrepareDirectory(_dir.Path);
        Ca = MeshCaStore.LoadOrCreate(new CaOptions(_dir.Path), Clock);
        var serving = ServingCertificate.Issue(Ca, ["localhost"], [IPAddress.Loopback], TimeSpan.FromHours(1), Clock);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http2;
            // The chain matters with a plug-in CA: clients hold only the root.
            l.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = serving, ServerCertificateChain = Ca.CreateIssuerChain() });
        }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new CertificateServiceImpl(new SvidIssuer(Ca, Clock), new TokenVerifier(TokenKey, Clock)));
        _app = builder.Build();
        _app.MapGrpcService<CertificateServiceImpl>();
        await _app.StartAsync();
        var bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Address = new Uri($"https://127.0.0.1:{new Uri(bound).Port}");
    }

    /// <summary>Puts CA files into the directory before the CA loads; empty here, so the CA makes its own root.</summary>
    protected virtual void PrepareDirectory(string directory)
    {
    }

    /// <summary>A token for the workload minted at <paramref name="mintedAt"/> (defaults to now).</summary>
    public string Token(string ns, string sa, TimeSpan lifetime, DateTimeOffset? mintedAt = null) =>
        new TokenIssuer(TokenKey, new ManualClock(mintedAt ?? Clock.Now)).Issue(new(ns, sa), $"{sa}-pod", lifetime);

    public X509Certificate2Collection Roots => [.. Ca.Roots.Select(r => X509CertificateLoader.LoadCertificate(r.RawData))];

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        Ca.Dispose();
        TokenKey.Dispose();
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same server with an Istio plug-in CA: root, intermediate, signing CA.</summary>
public sealed class PluggedCaServerFixture : CaServerFixture
{
    protected override void PrepareDirectory(string directory)
    {
        var (root, intermediate, signer) = TestPki.Hierarchy(Clock.Now);
        TestPki.WritePlugged(directory, signer, TestPki.Pem(signer, intermediate, root), root);
    }
}
