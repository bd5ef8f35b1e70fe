using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Storage;

namespace Switchboard.Identity.Ca;

/// <summary>
/// Loads an operator-supplied CA from Istio's plug-in files (https://istio.io/latest/docs/tasks/security/cert-management/plugin-ca-cert/):
/// <c>ca-cert.pem</c> signs, <c>ca-key.pem</c> is its key, <c>cert-chain.pem</c> links it to the root
/// (Istio's own tooling writes ca-cert + intermediates + root into it; both ends are tolerated and skipped),
/// <c>root-cert.pem</c> is the trust root or bundle. Every check fails with the name of the file to fix.
/// </summary>
public static class PluggedCa
{
    public static MeshCa Load(string directory, string trustDomain, TimeProvider time)
    {
        string PathOf(string name) => Path.Combine(directory, name);
        var (certPath, keyPath, chainPath, rootPath) =
            (PathOf(CaFiles.PluggedCert), PathOf(CaFiles.PluggedKey), PathOf(CaFiles.PluggedChain), PathOf(CaFiles.Root));
        var now = time.GetUtcNow();

        // 1. The signing certificate: one CA certificate, currently valid, whose key is ca-key.pem.
        var certs = CaPem.ReadCertificates(certPath);
        if (certs.Count != 1) throw new IdentityFileException(certPath, $"holds {certs.Count} certificates; it must hold only the signing CA certificate (put the rest in {CaFiles.PluggedChain})");
        using var signerPublic = certs[0];
        CaPem.EnsureCa(signerPublic, certPath);
        CaPem.EnsureValidAt(signerPublic, now, certPath);
        var signer = CaPem.ReadKeyFor(signerPublic, keyPath, certPath);

        // 2. The roots: each a CA.
        var roots = CaPem.ReadCertificates(rootPath);
        foreach (var root in roots) CaPem.EnsureCa(root, rootPath);

        // 3. The chain file, without the signer and the roots, which may be repeated in it.
        var extra = new X509Certificate2Collection();
        if (File.Exists(chainPath))
        {
            foreach (var c in CaPem.ReadCertificates(chainPath))
            {
                if (IsSame(c, signer) || roots.Any(r => IsSame(r, c))) continue;
                CaPem.EnsureCa(c, chainPath);
                extra.Add(c);
            }
        }

        // 4. RFC 5280 path validation from the signer to one of the roots, at the injected time.
        var intermediates = BuildPath(signerPublic, extra, roots, now, chainPath);
        foreach (var c in extra) c.Dispose();
        return new MeshCa(CaSource.Plugged, trustDomain, signer, intermediates, roots);
    }

    private static List<X509Certificate2> BuildPath(X509Certificate2 signer, X509Certificate2Collection extra, X509Certificate2Collection roots,
        DateTimeOffset now, string chainPath)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.ExtraStore.AddRange(extra);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (!chain.Build(signer))
        {
            var problems = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct());
            throw new IdentityFileException(chainPath,
                $"{CaFiles.PluggedCert} does not chain to a root in {CaFiles.Root} through the certificates in {CaFiles.PluggedChain}: {problems}");
        }
        // Elements: signer, intermediates..., root. Keep the middle, in order, as certificates sent with each leaf.
        var path = chain.ChainElements.Select(e => e.Certificate).ToList();
        var middle = path.Skip(1).Take(path.Count - 2).Select(c => X509CertificateLoader.LoadCertificate(c.RawData)).ToList();
        foreach (var c in path) c.Dispose();
        return middle;
    }

    private static bool IsSame(X509Certificate2 a, X509Certificate2 b) => a.RawDataMemory.Span.SequenceEqual(b.RawDataMemory.Span);
}
