namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// A request or response body seen through a counter: bytes (for <c>istio_request_bytes</c> /
/// <c>istio_response_bytes</c>) and, for gRPC, messages. Installed in place of <c>HttpRequest.Body</c> and
/// <c>HttpResponse.Body</c> for the request; every read and write passes straight through.
/// </summary>
internal sealed class CountingStream(Stream inner, bool grpc) : Stream
{
    private GrpcFrameCounter _frames;

    public long Bytes { get; private set; }
    public long Messages => _frames.Messages;

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override int Read(byte[] buffer, int offset, int count) => Seen(inner.Read(buffer, offset, count), buffer.AsSpan(offset));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Seen(await inner.ReadAsync(buffer, cancellationToken), buffer.Span);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Seen(count, buffer.AsSpan(offset));
        inner.Write(buffer, offset, count);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Seen(buffer.Length, buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => inner.SetLength(value);

    private int Seen(int count, ReadOnlySpan<byte> data)
    {
        if (count <= 0) return count;
        Bytes += count;
        if (grpc) _frames.Advance(data[..count]);
        return count;
    }
}
