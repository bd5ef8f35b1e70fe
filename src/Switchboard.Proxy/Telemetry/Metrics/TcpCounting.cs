namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// Opaque-TCP bytes into Istio's TCP metrics as they flow: <c>received</c> is what the downstream (the caller) sent,
/// <c>sent</c> what went back to it (istio_tcp_received_bytes_total / istio_tcp_sent_bytes_total). Counted live, so a
/// long connection shows its traffic before it closes.
/// </summary>
internal static class TcpCounting
{
    /// <summary>Copies until <paramref name="from"/> ends, counting into the metric series and, when given, the connection's own totals (its access-log line).</summary>
    public static async Task CopyAsync(Stream from, Stream to, TcpSeries series, bool towardCaller, TcpSeries? connection = null, CancellationToken token = default)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer, token);
            if (read == 0) return;
            // Every destination here (socket, TLS stream, Kestrel's pipe stream) sends on write: no flush needed.
            await to.WriteAsync(buffer.AsMemory(0, read), token);
            if (towardCaller) Interlocked.Add(ref series.Sent, read);
            else Interlocked.Add(ref series.Received, read);
            if (connection is null) continue;
            if (towardCaller) Interlocked.Add(ref connection.Sent, read);
            else Interlocked.Add(ref connection.Received, read);
        }
    }

    /// <summary>Counts the connection as opened now and closed when the returned scope ends.</summary>
    public static IDisposable Open(TcpSeries series)
    {
        Interlocked.Increment(ref series.Opened);
        return new Closer(series);
    }

    private sealed class Closer(TcpSeries series) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0) Interlocked.Increment(ref series.Closed);
        }
    }
}
