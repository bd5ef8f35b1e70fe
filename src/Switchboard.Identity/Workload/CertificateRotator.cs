using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Switchboard.Identity.Workload;

/// <summary>
/// The proxy's workload certificate lifecycle (what istio-agent's secret cache does for Envoy):
/// <list type="number">
/// <item><see cref="StartAsync"/> fetches the first certificate, retrying with <see cref="ExponentialBackoff"/> until it
/// succeeds or is cancelled; the proxy reports ready only after it returns;</item>
/// <item>a background loop waits until the certificate's <see cref="WorkloadCertificate.RenewAt"/> (half-life with
/// jitter, <see cref="RenewalSchedule"/>), fetches a new one and swaps it in, raising <see cref="Rotated"/>;</item>
/// <item>while renewal fails it retries with backoff and the old certificate keeps serving, past its expiry too
/// (<see cref="IsExpired"/> says so): Istio's "CA outage" behaviour, existing mTLS works until notAfter.</item>
/// </list>
/// One fetch at a time, ever: the loop is the only caller after start. Replaced certificates are not disposed
/// (a handshake in flight may still hold one); the rotator owns no certificate.
/// </summary>
public sealed class CertificateRotator : IDisposable, IAsyncDisposable
{
    /// <summary>Long waits are cut into pieces so a clock change is noticed within a day, and Task.Delay's ~49-day limit never bites.</summary>
    private static readonly TimeSpan MaxSingleWait = TimeSpan.FromDays(1);

    private readonly Func<CancellationToken, Task<WorkloadCertificate>> _fetch;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private volatile WorkloadCertificate? _current;
    private Task _loop = Task.CompletedTask;
    private int _started;

    /// <param name="fetch">Gets a new certificate from the CA (e.g. <see cref="WorkloadCertificateSource.FetchAsync"/>); may throw anything.</param>
    /// <param name="time">Every wait goes through it.</param>
    /// <param name="random">Uniform in [0, 1), for backoff jitter.</param>
    /// <param name="logger">Fetch failures and swaps.</param>
    public CertificateRotator(Func<CancellationToken, Task<WorkloadCertificate>> fetch, TimeProvider time, Func<double>? random = null, ILogger<CertificateRotator>? logger = null)
    {
        _fetch = fetch;
        _time = time;
        _random = random ?? Random.Shared.NextDouble;
        _log = logger ?? NullLogger<CertificateRotator>.Instance;
    }

    /// <summary>The certificate in force.</summary>
    /// <exception cref="InvalidOperationException"><see cref="StartAsync"/> has not completed.</exception>
    public WorkloadCertificate Current => _current ?? throw new InvalidOperationException("no certificate yet: StartAsync has not completed");

    /// <summary>True when <see cref="Current"/> is past its notAfter because renewal keeps failing; peers will refuse it.</summary>
    public bool IsExpired => Current.IsExpiredAt(_time.GetUtcNow());

    /// <summary>Raised on the renewal loop after each swap; a handler that throws is logged and does not stop renewal.</summary>
    public event EventHandler<CertificateRotatedEventArgs>? Rotated;

    /// <summary>Fetches the first certificate, then starts the renewal loop. Call once.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled, or the rotator disposed, before a fetch succeeded.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("the rotator has already been started");
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        _current = await FetchUntilSuccessAsync(new ExponentialBackoff(_random), linked.Token);
        _log.LogInformation("workload certificate {SpiffeId} valid until {NotAfter:u}, renewing at {RenewAt:u}", _current.SpiffeId, _current.NotAfter, _current.RenewAt);
        // Runs synchronously up to its first wait, so the renewal timer exists when StartAsync returns.
        _loop = RenewLoopAsync(_stop.Token);
    }

    private async Task RenewLoopAsync(CancellationToken stop)
    {
        var backoff = new ExponentialBackoff(_random);
        var wait = RenewalSchedule.Delay(Current.RenewAt, _time.GetUtcNow());
        try
        {
            while (true)
            {
                await WaitAsync(wait, stop);
                var next = await FetchUntilSuccessAsync(backoff, stop);
                var previous = Current;
                _current = next;
                _log.LogInformation("workload certificate {SpiffeId} rotated: valid until {NotAfter:u}, renewing at {RenewAt:u}", next.SpiffeId, next.NotAfter, next.RenewAt);
                RaiseRotated(previous, next);

                wait = RenewalSchedule.Delay(next.RenewAt, _time.GetUtcNow());
                if (wait > TimeSpan.Zero) backoff.Reset();
                // A certificate due for renewal as soon as it arrives (a CA clamping lifetimes to its own expiry, a
                // skewed clock) must not turn the loop into a busy loop against the CA: keep backing off instead.
                else wait = backoff.Next();
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Disposed: stop quietly, whatever the interrupted fetch threw.
        }
    }

    private async Task<WorkloadCertificate> FetchUntilSuccessAsync(ExponentialBackoff backoff, CancellationToken stop)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan delay;
            try
            {
                return await _fetch(stop);
            }
            catch (Exception e)
            {
                // Any failure is retried (unreachable CA, refusal, bad answer); only our own cancellation ends it.
                stop.ThrowIfCancellationRequested();
                delay = backoff.Next();
                var expired = _current is { } current && current.IsExpiredAt(_time.GetUtcNow());
                _log.LogWarning(e, "workload certificate fetch attempt {Attempt} failed{Expired}; retrying in {Delay} ms",
                    attempt, expired ? " and the current certificate has expired" : "", (long)delay.TotalMilliseconds);
            }
            await Task.Delay(delay, _time, stop);
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stop)
    {
        var until = _time.GetUtcNow() + wait;
        for (var left = wait; left > TimeSpan.Zero; left = until - _time.GetUtcNow())
            await Task.Delay(left < MaxSingleWait ? left : MaxSingleWait, _time, stop);
    }

    private void RaiseRotated(WorkloadCertificate previous, WorkloadCertificate current)
    {
        try
        {
            Rotated?.Invoke(this, new CertificateRotatedEventArgs(previous, current));
        }
        catch (Exception e)
        {
            // A subscriber's bug must not stop the proxy from renewing its identity.
            _log.LogError(e, "a Rotated handler failed");
        }
    }

    /// <summary>Stops the renewal loop (or a pending <see cref="StartAsync"/>); <see cref="Current"/> stays readable.</summary>
    public void Dispose() => _stop.Cancel();

    /// <summary>Stops the renewal loop and waits until it has finished, so no fetch is in flight afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
    }
}
