namespace Switchboard.Identity.Workload;

/// <summary>A certificate swap by <see cref="CertificateRotator"/>: new TLS handshakes use <see cref="Current"/> from now on.</summary>
public sealed class CertificateRotatedEventArgs(WorkloadCertificate previous, WorkloadCertificate current) : EventArgs
{
    public WorkloadCertificate Previous { get; } = previous;

    public WorkloadCertificate Current { get; } = current;
}
