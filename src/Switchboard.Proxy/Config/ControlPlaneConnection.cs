using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Switchboard.Identity.Workload;

namespace Switchboard.Proxy.Config;

/// <summary>
/// How the proxy reaches the control plane's TLS port (15012): trusting only the mesh root(s) it was given (a public CA
/// must not be able to impersonate the control plane), and proving who it is with its bootstrap token. Both files are
/// read again on every new channel and call, so the runtime can refresh the token and, during a root rotation, hand
/// the proxy the new bundle (as Istio updates the istio-ca-root-cert ConfigMap).
/// </summary>
internal sealed class ControlPlaneConnection(string rootFile, string tokenFile)
{
    public X509Certificate2Collection Roots
    {
        get
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(rootFile);
            return roots;
        }
    }

    public GrpcChannel Channel(string address) => ControlPlaneChannel.Create(new Uri(address), Roots);

    public string Token() => File.ReadAllText(tokenFile).Trim();

    public Metadata Headers() => new() { { "authorization", "Bearer " + Token() } };

    public static ControlPlaneConnection Load(string rootFile, string tokenFile)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(rootFile);
        if (roots.Count == 0) throw new InvalidDataException($"{rootFile}: no certificate");
        if (!File.Exists(tokenFile)) throw new FileNotFoundException($"{tokenFile}: no bootstrap token", tokenFile);
        return new ControlPlaneConnection(rootFile, tokenFile);
    }
}
