using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Identity.Tests.Support;

/// <summary>
/// How to make a peer leaf; the defaults are a conforming X.509-SVID for <c>ns/foo/sa/bar</c> in cluster.local,
/// and each test changes one thing. Many variants are ones <c>SvidIssuer</c> refuses to make.
/// </summary>
internal sealed record LeafSpec
{
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>URI SANs, encoded byte for byte (no <see cref="Uri"/> normalization of case, dots or escapes).</summary>
    public string[] Uris { get; init; } = ["spiffe://cluster.local/ns/foo/sa/bar"];

    public string[] DnsNames { get; init; } = [];

    /// <summary>The subject DN; empty, as the mesh CA issues them.</summary>
    public string Subject { get; init; } = "";

    /// <summary>basicConstraints cA; null leaves the extension out.</summary>
    public bool? IsCa { get; init; } = false;

    /// <summary>keyUsage; null leaves the extension out.</summary>
    public X509KeyUsageFlags? KeyUsage { get; init; } = X509KeyUsageFlags.DigitalSignature;

    /// <summary>extendedKeyUsage OIDs; null leaves the extension out.</summary>
    public string[]? Eku { get; init; } = [ServerAuth, ClientAuth];

    /// <summary>notBefore relative to the test's "now".</summary>
    public TimeSpan NotBefore { get; init; } = TimeSpan.FromHours(-1);

    /// <summary>notAfter relative to the test's "now".</summary>
    public TimeSpan NotAfter { get; init; } = TimeSpan.FromHours(23);
}
