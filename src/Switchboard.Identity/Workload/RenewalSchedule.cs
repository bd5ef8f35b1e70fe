using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Identity.Workload;

/// <summary>
/// When a workload certificate is renewed: Istio's agent rotates once <c>now ≥ notAfter − ratio·lifetime</c> with
/// <c>SECRET_GRACE_PERIOD_RATIO</c> 0.5 jittered by ±<c>SECRET_GRACE_PERIOD_RATIO_JITTER</c> 0.01, i.e. about 12 h
/// ± 15 min for 24 h certificates, so a thousand proxies started together do not all renew in the same second.
/// </summary>
public static class RenewalSchedule
{
    public const double GraceRatio = 0.5;

    public const double GraceRatioJitter = 0.01;

    /// <param name="notBefore">Certificate start.</param>
    /// <param name="notAfter">Certificate end.</param>
    /// <param name="random">Uniform in [0, 1); injected so tests can pin the jitter.</param>
    public static DateTimeOffset RenewAt(DateTimeOffset notBefore, DateTimeOffset notAfter, Func<double> random)
    {
        var lifetime = notAfter - notBefore;
        if (lifetime <= TimeSpan.Zero) return notBefore;
        var ratio = GraceRatio + (2 * random() - 1) * GraceRatioJitter;
        return notAfter - lifetime * ratio;
    }

    public static DateTimeOffset RenewAt(X509Certificate2 certificate, Func<double> random) =>
        RenewAt(new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()), random);

    /// <summary>How long to wait from <paramref name="now"/> until <paramref name="renewAt"/>; zero when already due.</summary>
    public static TimeSpan Delay(DateTimeOffset renewAt, DateTimeOffset now) => renewAt > now ? renewAt - now : TimeSpan.Zero;
}
