using System.Buffers;
using System.IO.Pipelines;

namespace Switchboard.Proxy.Outbound;

/// <summary>
/// Waits for a captured connection's first bytes until <see cref="ProtocolSniffer"/> decides (and, for TLS, until the
/// ClientHello record is in, for its SNI), without consuming anything: whoever serves the connection next reads the same
/// bytes again. A client still silent or undecided when the detection timeout passes is opaque TCP: a protocol where the
/// server speaks first must not wait on a sniffer that waits for the client.
/// </summary>
internal static class FirstBytes
{
    /// <summary>The sniffed protocol and, for TLS, the SNI (null when absent or when the ClientHello did not arrive in time).</summary>
    public readonly record struct Detection(SniffedProtocol Protocol, string? ServerName);

    public static async Task<Detection> DetectAsync(PipeReader input, TimeSpan? timeout, CancellationToken closed)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(closed);
        if (timeout is { } limit) deadline.CancelAfter(limit);
        var seen = SniffedProtocol.Undecided;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!closed.IsCancellationRequested)
            {
                // Timed out. Bytes already examined would make the next read wait for new ones: release them unexamined.
                if (input.TryRead(out var pending)) input.AdvanceTo(pending.Buffer.Start);
                return new(seen == SniffedProtocol.Tls ? SniffedProtocol.Tls : SniffedProtocol.Opaque, null);
            }
            var buffer = result.Buffer;
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
}
