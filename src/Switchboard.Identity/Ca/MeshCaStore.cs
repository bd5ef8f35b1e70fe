using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Storage;

namespace Switchboard.Identity.Ca;

/// <summary>
/// Loads the mesh CA from its directory, creating a self-signed root on first start. Decision, in order:
/// <list type="number">
/// <item><c>ca-cert.pem</c> or <c>ca-key.pem</c> present: Istio plug-in CA (<see cref="PluggedCa"/>); the files must be complete and valid.</item>
/// <item><c>root-key.pem</c> present: our self-signed root; its certificate is loaded (or re-made from the key if a crash lost it).</item>
/// <item><c>root-cert.pem</c> alone: an error (a root without a key cannot sign).</item>
/// <item>nothing: create a P-256 root key (0600) and certificate (0644).</item>
/// </list>
/// </summary>
public static class MeshCaStore
{
    public static MeshCa LoadOrCreate(CaOptions options, TimeProvider time)
    {
        if (!Spiffe.SpiffeId.IsValidTrustDomain(options.TrustDomain))
            throw new ArgumentException($"trust domain '{options.TrustDomain}' is not valid (SPIFFE-ID §2.1: lowercase a-z, 0-9, '.', '-', '_')", nameof(options));
        var dir = options.Directory;
        if (File.Exists(Path.Combine(dir, CaFiles.PluggedCert)) || File.Exists(Path.Combine(dir, CaFiles.PluggedKey)))
            return PluggedCa.Load(dir, options.TrustDomain, time);
        var rootPath = Path.Combine(dir, CaFiles.Root);
        var keyPath = Path.Combine(dir, CaFiles.RootKey);
        if (!File.Exists(keyPath) && File.Exists(rootPath))
            throw new IdentityFileException(rootPath,
                $"has no private key beside it: a plug-in CA needs {CaFiles.PluggedCert}, {CaFiles.PluggedKey}, {CaFiles.PluggedChain} and {CaFiles.Root}; a self-signed root needs {CaFiles.RootKey}");
        return LoadOrCreateSelfSigned(options, rootPath, keyPath, time);
    }

    private static MeshCa LoadOrCreateSelfSigned(CaOptions options, string rootPath, string keyPath, TimeProvider time)
    {
        using var key = EcKeyFile.LoadOrCreate(keyPath, out var created);
        if (created || !File.Exists(rootPath))
        {
            // The key is written before the certificate, so a crash between the two leaves a key without a
            // certificate: re-made here from the same key, never a certificate without its key. overwrite: false,
            // so when two processes race, both end up with the certificate that reached the disk first.
            using var made = SelfSignedRoot.Create(key, options.TrustDomain, options.RootLifetime, time);
            SecureFile.Write(rootPath, made.ExportCertificatePem() + "\n", SecureFile.Public, overwrite: false);
        }
        var certificates = CaPem.ReadCertificates(rootPath);
        if (certificates.Count != 1)
            throw new IdentityFileException(rootPath, $"holds {certificates.Count} certificates; a self-signed root file holds exactly one");
        using var loaded = certificates[0];
        CaPem.EnsureCa(loaded, rootPath);
        CaPem.EnsureValidAt(loaded, time.GetUtcNow(), rootPath);
        CaPem.EnsureMatches(key, loaded, keyPath, rootPath);
        var root = loaded.CopyWithPrivateKey(key);
        return new MeshCa(CaSource.SelfSigned, options.TrustDomain, root, [], [X509CertificateLoader.LoadCertificate(root.RawData)]);
    }
}
