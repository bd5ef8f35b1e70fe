using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Ca;
using Switchboard.Identity.Svid;
using Switchboard.Identity.Tokens;

namespace Switchboard.ControlPlane.Hosting;

/// <summary>
/// The control plane's identity services, loaded or created at start from its state directory (0700):
/// the mesh CA (self-signed root or Istio's plug-in files), the bootstrap-token key, and the certificate the
/// TLS port (15012) is served with, issued by the mesh CA so proxies need to trust nothing but the mesh root.
/// </summary>
public sealed class ControlPlaneIdentity : IDisposable
{
    /// <summary>How long the serving certificate lives; the control plane makes a new one each start.</summary>
    private static readonly TimeSpan ServingLifetime = TimeSpan.FromDays(30);

    private readonly ECDsa _tokenKey;

    public ControlPlaneIdentity(string caDirectory, string trustDomain, TimeProvider time, IEnumerable<IPAddress>? addresses = null)
    {
        Ca = MeshCaStore.LoadOrCreate(new CaOptions(caDirectory) { TrustDomain = trustDomain }, time);
        _tokenKey = BootstrapTokens.LoadOrCreateKey(caDirectory);
        Issuer = new SvidIssuer(Ca, time);
        Tokens = new TokenIssuer(_tokenKey, time);
        Verifier = new TokenVerifier(_tokenKey, time);
        // Names a proxy may dial the control plane by: ours, Istio's (so istio-agent-style configs carry over), loopback.
        Serving = ServingCertificate.Issue(Ca, ["switchboard-controlplane", "istiod.istio-system.svc", "localhost"],
            [IPAddress.Loopback, IPAddress.IPv6Loopback, .. addresses ?? []], ServingLifetime, time);
    }

    public MeshCa Ca { get; }
    public SvidIssuer Issuer { get; }
    public TokenIssuer Tokens { get; }
    public TokenVerifier Verifier { get; }
    public X509Certificate2 Serving { get; }

    public void Dispose()
    {
        Serving.Dispose();
        _tokenKey.Dispose();
    }
}
