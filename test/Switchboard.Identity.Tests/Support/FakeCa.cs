using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Switchboard.Identity.Workload;

namespace Switchboard.Identity.Tests.Support;

/// <summary>
/// Stands in for the CA behind <see cref="CertificateRotator"/>'s fetch delegate: issues self-signed certificates
/// valid from "now" for <see cref="Lifetime"/>, fails the calls <see cref="Fails"/> picks, can hold a call open
/// (<see cref="Hold"/>), and counts calls and overlapping calls.
/// </summary>
internal sealed class FakeCa(TimeProvider time)
{
    private readonly Channel<int> _calls = Channel.CreateUnbounded<int>();
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Given the 1-based call number, whether that call fails.</summary>
    public Func<int, bool> Fails { get; set; } = _ => false;

    /// <summary>When set, each call waits for it (or for cancellation) before answering.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public int Calls => Volatile.Read(ref _count);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Certificates issued, in order.</summary>
    public List<WorkloadCertificate> Issued { get; } = [];

    public async Task<WorkloadCertificate> FetchAsync(CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _count);
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            _calls.Writer.TryWrite(call);
            if (Hold is { } hold) await hold.Task.WaitAsync(cancellationToken);
            await Task.Yield();
            if (Fails(call)) throw new InvalidOperationException($"CA unavailable (call {call})");
            var certificate = Issue(call);
            lock (Issued) Issued.Add(certificate);
            return certificate;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>The number of the next call to start.</summary>
    public Task<int> NextCallAsync() => _calls.Reader.ReadAsync().AsTask().WaitAsync(ObservedTime.Patience);

    private WorkloadCertificate Issue(int call)
    {
        var now = time.GetUtcNow();
        now = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=call {call}", key, HashAlgorithmName.SHA256);
        var certificate = request.CreateSelfSigned(now, now + Lifetime);
        // Pinned jitter: renewal exactly at half-life.
        var renewAt = RenewalSchedule.RenewAt(certificate, () => 0.5);
        return new WorkloadCertificate(certificate, [], [], "spiffe://cluster.local/ns/foo/sa/bar", renewAt);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}
