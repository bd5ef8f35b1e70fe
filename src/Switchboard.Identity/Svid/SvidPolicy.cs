namespace Switchboard.Identity.Svid;

/// <summary>Istio CA's lifetime rules for workload certificates (security/pkg/pki/ca, pilot env vars), as constants.</summary>
public static class SvidPolicy
{
    /// <summary><c>DEFAULT_WORKLOAD_CERT_TTL</c>: used when a request asks for zero or a negative lifetime.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(24);

    /// <summary><c>MAX_WORKLOAD_CERT_TTL</c>: longer requests are refused, not silently shortened (as Istio does).</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(90);

    /// <summary>notBefore is set this far in the past so that peers with slightly slow clocks accept a fresh certificate.</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromMinutes(2);

    /// <summary>Smallest RSA modulus accepted in a CSR (Istio's <c>WORKLOAD_RSA_KEY_SIZE</c> default; NIST SP 800-57 through 2030).</summary>
    public const int MinRsaBits = 2048;

    /// <summary>Largest RSA modulus accepted: a guard against CSRs that make the CA do expensive work, not a security floor.</summary>
    public const int MaxRsaBits = 8192;
}
