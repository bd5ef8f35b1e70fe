using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Switchboard.Identity.Workload;

/// <summary>
/// A gRPC channel to the control plane's TLS port (15012) that trusts only the mesh root(s), not the machine's CA
/// store: a proxy bootstraps from the root it was given (Istio mounts <c>istio-ca-root-cert</c>), and a public CA
/// must not be able to impersonate the control plane. Host name checks stay on.
/// </summary>
public static class ControlPlaneChannel
{
    public static SocketsHttpHandler CreateHandler(X509Certificate2Collection meshRoots)
    {
        if (meshRoots.Count == 0) throw new ArgumentException("at least one mesh root is needed", nameof(meshRoots));
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.AddRange(meshRoots);
        return new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
        };
    }

    public static GrpcChannel Create(Uri address, X509Certificate2Collection meshRoots) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = CreateHandler(meshRoots), DisposeHttpClient = true });
}
