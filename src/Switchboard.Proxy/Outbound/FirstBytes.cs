using System.Buffers;
using System.IO.Pipelines;

namespace Switchboard.Proxy.Outbound;

/// <summary>
/// Waits for a captured connection's first bytes until <see cref="ProtocolSniffer"/> decides (and, for TLS, until the
/// ClientHello record is in, for its SNI), without consuming anything: whoever serves the connection next reads the same
/// bytes again. A client still silent or undecided when the detection timeout passes is opaque TCP: a protocol where the
/// server speaks first must not wait on a sniffer that waits for the client.
/// The timeout cancels the pending read with <see cref="PipeReader.CancelPendingRead"/> rather than a token, because a
/// canceled read still returns the buffer. Bytes a client sent before going quiet were marked examined while waiting for
/// more, and a pipe never hands examined bytes out again until more arrive; so on a timeout they are taken out of the pipe
/// and returned as <see cref="Detection.Held"/>, for the opaque forwarder to send first.
/// </summary>
internal static class FirstBytes
{
    /// <summary>
    /// The sniffed protocol and, for TLS, the SNI (null when absent or when the ClientHello did not arrive in time); after a
    /// timeout, the bytes already read (consumed from the pipe), which belong in front of everything else sent upstream.
    /// </summary>
    public readonly record struct Detection(SniffedProtocol Protocol, string? ServerName, byte[]? Held = null);

    public static async Task<Detection> DetectAsync(PipeReader input, TimeSpan? timeout, TimeProvider time, CancellationToken closed)
    {
        var timer = new DetectionTimer(input, timeout, time);
        try
        {
            var seen = SniffedProtocol.Undecided;
            while (true)
            {
                var result = await input.ReadAsync(closed);
                var buffer = result.Buffer;
                if (result.IsCanceled)
                {
                    timer.Observed();
                    var held = buffer.ToArray();
                    input.AdvanceTo(buffer.End);
                    return new(seen == SniffedProtocol.Tls ? SniffedProtocol.Tls : SniffedProtocol.Opaque, null, held);
                }
                var bytes = buffer.Slice(0, Math.Min(buffer.Length, ClientHello.MaxRecord)).ToArray();
                seen = ProtocolSniffer.Classify(bytes);
                Detection? decided = seen switch
                {
                    SniffedProtocol.Tls when ClientHello.Read(bytes) is { Complete: true } hello => new(SniffedProtocol.Tls, hello.ServerName),
                    SniffedProtocol.Tls => null,
                    SniffedProtocol.Undecided => null,
                    _ => new(seen, null),
                };
                // A caller that half-closed, or sent more than any ClientHello, is not going to complete what it started.
                if (decided is null && (result.IsCompleted || buffer.Length >= ClientHello.MaxRecord))
                    decided = new(seen == SniffedProtocol.Tls ? SniffedProtocol.Tls : SniffedProtocol.Opaque, null);
                if (decided is { } done)
                {
                    input.AdvanceTo(buffer.Start);
                    return done;
                }
                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await timer.StopAsync();
        }
    }

    /// <summary>
    /// Cancels the pending read when the timeout passes, unless detection finished first. A cancel that lands just after
    /// the last read completed would cancel the next layer's first read instead, so <see cref="StopAsync"/> absorbs it.
    /// </summary>
    private sealed class DetectionTimer
    {
        private readonly Lock _gate = new();
        private readonly PipeReader _input;
        private readonly CancellationTokenSource? _timer;
        private readonly CancellationTokenRegistration _registration;
        private bool _finished, _requested, _observed;

        public DetectionTimer(PipeReader input, TimeSpan? timeout, TimeProvider time)
        {
            _input = input;
            if (timeout is not { } limit) return;
            _timer = new CancellationTokenSource(limit, time);
            _registration = _timer.Token.Register(() =>
            {
                lock (_gate)
                {
                    if (_finished) return;
                    _requested = true;
                    _input.CancelPendingRead();
                }
            });
        }

        public void Observed() => _observed = true;

        public async Task StopAsync()
        {
            bool pending;
            lock (_gate)
            {
                _finished = true;
                pending = _requested && !_observed;
            }
            await _registration.DisposeAsync();
            _timer?.Dispose();
            if (!pending) return;
            // Returns at once, canceled: consume the cancel; the bytes were never examined, so the next read gets them at once.
            var result = await _input.ReadAsync();
            _input.AdvanceTo(result.Buffer.Start);
        }
    }
}
