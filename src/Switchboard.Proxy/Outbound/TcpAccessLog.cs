using System.Globalization;
using System.Net;

namespace Switchboard.Proxy.Outbound;

/// <summary>
/// One access-log line per opaque TCP connection, written when it ends, in the layout of Istio's default text log for
/// TCP (the HTTP fields are <c>"- - -" 0</c>): flags, bytes received and sent, duration, upstream host and cluster, the
/// original destination as the downstream local address, the caller, and the SNI the ClientHello asked for. So
/// <c>grep PassthroughCluster</c> or <c>grep BlackHoleCluster</c> finds TCP and TLS as it finds HTTP.
/// </summary>
internal sealed class TcpAccessLog(TextWriter output, TimeProvider time)
{
    public void Write(DateTimeOffset start, long startTimestamp, string flags, long received, long sent, string? upstreamHost, string cluster,
        IPEndPoint original, EndPoint? caller, string? serverName)
    {
        if (ReferenceEquals(output, TextWriter.Null)) return;
        var duration = time.GetElapsedTime(startTimestamp).TotalMilliseconds;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{start:yyyy-MM-ddTHH:mm:ss.fffZ}] \"- - -\" 0 {flags} - - \"-\" {received} {sent} {duration:0} - \"-\" \"-\" \"-\" \"-\" \"{upstreamHost ?? "-"}\" {cluster} - {original} {caller?.ToString() ?? "-"} {serverName ?? "-"} -");
        lock (output) output.WriteLine(line);
    }
}
