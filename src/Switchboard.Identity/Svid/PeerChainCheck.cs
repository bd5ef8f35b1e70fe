using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Identity.Svid;

/// <summary>
/// RFC 5280 §6 path validation of a peer's certificate against the mesh trust bundle only: the bundle is the
/// custom root store (never the machine's), the presented certificates are the only other issuers, and nothing
/// is fetched (no AIA downloads, no revocation: Istio relies on short lifetimes instead). The time is the
/// caller's, so a test or a frozen clock sees exactly what a proxy would; no skew is added beyond X509Chain's.
/// </summary>
internal static class PeerChainCheck
{
    /// <returns>Null when the path is valid; otherwise the failure.</returns>
    public static PeerValidationResult? Check(X509Certificate2 leaf, X509Certificate2Collection presented, X509Certificate2Collection roots, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(roots);
        policy.ExtraStore.AddRange(presented);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        try
        {
            if (!chain.Build(leaf)) return Classify(chain, now);
            var path = chain.ChainElements.Select(e => e.Certificate).ToList();
            // Defence in depth: CustomRootTrust already demands it, but the anchor must be a bundle certificate.
            if (!roots.Any(r => r.RawDataMemory.Span.SequenceEqual(path[^1].RawDataMemory.Span)))
                return PeerValidationResult.Invalid(PeerCertificateFailure.UntrustedRoot, $"the path ends at {Describe(path[^1], path.Count - 1)}, which is not in the trust bundle");
            return IssuersAreCas(path);
        }
        finally
        {
            foreach (var element in chain.ChainElements) element.Certificate.Dispose();
        }
    }

    /// <summary>
    /// The most fundamental problem wins: no trusted path at all, then a bad signature, then an issuer that may
    /// not issue, then validity dates (an expired certificate from an unknown CA is reported as unknown).
    /// </summary>
    private static PeerValidationResult Classify(X509Chain chain, DateTimeOffset now)
    {
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        var elements = chain.ChainElements.Select(e => e.Certificate).ToList();
        var top = elements.Count > 0 ? Describe(elements[^1], elements.Count - 1) : "the leaf";
        if (flags.HasFlag(X509ChainStatusFlags.PartialChain))
            return PeerValidationResult.Invalid(PeerCertificateFailure.IncompleteChain, $"the issuer of {top} was neither presented nor in the trust bundle");
        if (flags.HasFlag(X509ChainStatusFlags.UntrustedRoot))
            return PeerValidationResult.Invalid(PeerCertificateFailure.UntrustedRoot, $"the path ends at {top}, which is not in the trust bundle");
        if (flags.HasFlag(X509ChainStatusFlags.NotSignatureValid))
            return PeerValidationResult.Invalid(PeerCertificateFailure.InvalidSignature, "a signature in the path does not verify: " + Statuses(chain));
        if (flags.HasFlag(X509ChainStatusFlags.InvalidBasicConstraints))
            return PeerValidationResult.Invalid(PeerCertificateFailure.IssuerNotCa, "a certificate above the leaf may not issue certificates: " + Statuses(chain));
        if (flags.HasFlag(X509ChainStatusFlags.NotTimeValid) && TimeFailure(elements, now) is { } time) return time;
        return PeerValidationResult.Invalid(PeerCertificateFailure.InvalidChain, Statuses(chain));
    }

    private static PeerValidationResult? TimeFailure(List<X509Certificate2> path, DateTimeOffset now)
    {
        for (var i = 0; i < path.Count; i++)
        {
            var notBefore = new DateTimeOffset(path[i].NotBefore.ToUniversalTime());
            var notAfter = new DateTimeOffset(path[i].NotAfter.ToUniversalTime());
            if (now < notBefore)
                return PeerValidationResult.Invalid(PeerCertificateFailure.NotYetValid, $"{Describe(path[i], i)} is valid only from {notBefore:u}; it is {now.UtcDateTime:u}");
            // X509Chain (OpenSSL) counts the notAfter second itself as expired; so does this, to agree with it.
            if (now >= notAfter)
                return PeerValidationResult.Invalid(PeerCertificateFailure.Expired, $"{Describe(path[i], i)} expired at {notAfter:u}; it is {now.UtcDateTime:u}");
        }
        return null;
    }

    /// <summary>
    /// Every certificate above the leaf, the anchor included, must be a CA: cA=true, and keyCertSign when it has a
    /// keyUsage (RFC 5280 §4.2.1.3, §4.2.1.9; X509-SVID §4.1, §4.3). On Linux OpenSSL refuses all of these before we
    /// get here (the tests pass without this method); it stays so the rule does not hang on one platform's chain engine.
    /// </summary>
    private static PeerValidationResult? IssuersAreCas(List<X509Certificate2> path)
    {
        for (var i = 1; i < path.Count; i++)
        {
            var constraints = path[i].Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            var usage = path[i].Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
            if (constraints is not { CertificateAuthority: true })
                return PeerValidationResult.Invalid(PeerCertificateFailure.IssuerNotCa, $"{Describe(path[i], i)} issued a certificate but has no basicConstraints cA=true");
            if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
                return PeerValidationResult.Invalid(PeerCertificateFailure.IssuerNotCa, $"{Describe(path[i], i)} issued a certificate but its keyUsage lacks keyCertSign");
        }
        return null;
    }

    private static string Statuses(X509Chain chain) =>
        string.Join("; ", chain.ChainStatus.Select(s => $"{s.Status} ({s.StatusInformation.Trim()})"));

    private static string Describe(X509Certificate2 certificate, int index) =>
        index == 0 ? "the leaf" : $"'{certificate.Subject}'";
}
