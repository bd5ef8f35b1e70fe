using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Switchboard.Identity.Api.Protocol;
using Switchboard.Identity.Svid;
using Csr = System.Security.Cryptography.X509Certificates.CertificateRequest;

namespace Switchboard.Identity.Workload;

/// <summary>
/// The proxy's side of the CSR flow (what istio-agent does before handing the certificate to Envoy over SDS):
/// <list type="number">
/// <item>make a P-256 key in memory; it is never serialized, written or sent;</item>
/// <item>send a CSR for it, with no names (the CA takes the identity from the token), and the bearer token;</item>
/// <item>check the answer: the leaf is for our key and chains to the returned root; attach the key;</item>
/// <item>compute when to renew (<see cref="RenewalSchedule"/>).</item>
/// </list>
/// </summary>
public sealed class WorkloadCertificateSource(CertificateService.CertificateServiceClient client, Func<string> token, TimeProvider time, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>Fetches a new certificate; <paramref name="ttl"/> zero asks for the CA's default (24 h).</summary>
    /// <exception cref="RpcException">The CA refused (Unauthenticated, InvalidArgument, PermissionDenied) or could not be reached.</exception>
    /// <exception cref="InvalidDataException">The CA's answer is not a certificate for our key that chains to its root.</exception>
    public async Task<WorkloadCertificate> FetchAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new Csr(new X500DistinguishedName(""), key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var headers = new Metadata { { "authorization", "Bearer " + token() } };
        var request = new Api.Protocol.CertificateRequest { Csr = csr, ValidityDuration = (long)ttl.TotalSeconds };
        var response = await client.CreateCertificateAsync(request, headers, cancellationToken: cancellationToken);
        if (response.CertChain.Count == 0) throw new InvalidDataException("the CA returned no certificate");

        using var leafPublic = X509Certificate2.CreateFromPem(response.CertChain[0]);
        if (!leafPublic.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
            throw new InvalidDataException("the CA returned a certificate for a different key than the one in the CSR");
        var intermediates = new X509Certificate2Collection();
        foreach (var pem in response.CertChain.Skip(1)) intermediates.Add(X509Certificate2.CreateFromPem(pem));
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(response.RootCert);
        EnsureChains(leafPublic, intermediates, roots);

        var uris = SubjectAltNames.Uris(leafPublic);
        if (uris.Count != 1) throw new InvalidDataException($"the CA returned a certificate with {uris.Count} URI SANs; an X.509-SVID has exactly one");
        var leaf = leafPublic.CopyWithPrivateKey(key);
        return new WorkloadCertificate(leaf, intermediates, roots, uris[0], RenewalSchedule.RenewAt(leaf, _random));
    }

    private void EnsureChains(X509Certificate2 leaf, X509Certificate2Collection intermediates, X509Certificate2Collection roots)
    {
        if (roots.Count == 0) throw new InvalidDataException("the CA returned no root certificate");
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        if (!chain.Build(leaf))
            throw new InvalidDataException("the returned certificate does not chain to the returned root: "
                + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim())));
        foreach (var element in chain.ChainElements) element.Certificate.Dispose();
    }
}
