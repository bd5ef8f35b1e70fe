namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// Counts gRPC messages in a body as it streams by (for <c>istio_request_messages_total</c> and
/// <c>istio_response_messages_total</c>): each message is a 5-byte prefix (compressed flag, 4-byte big-endian length)
/// then that many bytes (gRPC over HTTP/2, "Length-Prefixed-Message"). Works on any chunking.
/// </summary>
internal struct GrpcFrameCounter
{
    private int _headerRead;
    private long _length;
    private long _remaining;

    public long Messages { get; private set; }

    public void Advance(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            if (_remaining > 0)
            {
                var skip = (int)Math.Min(_remaining, data.Length);
                _remaining -= skip;
                data = data[skip..];
                continue;
            }
            // Reading a prefix: byte 0 is the flag, bytes 1–4 the length.
            if (_headerRead > 0) _length = (_length << 8) | data[0];
            data = data[1..];
            if (++_headerRead < 5) continue;
            Messages++;
            _remaining = _length;
            _headerRead = 0;
            _length = 0;
        }
    }
}
