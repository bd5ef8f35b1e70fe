using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Proxy.Telemetry;

namespace Switchboard.Proxy.Outbound;

/// <summary>
/// One access-log line per opaque TCP connection, written when it ends, in the layout of Istio's default text log for
/// TCP (the HTTP fields are <c>"- - -" 0</c>) or as JSON with Envoy's field names: flags, bytes received and sent,
/// duration, upstream host and cluster, the original destination as the downstream local address, the caller, and the
/// SNI the ClientHello asked for. So <c>grep PassthroughCluster</c> or <c>grep BlackHoleCluster</c> finds TCP and TLS
/// as it finds HTTP.
/// </summary>
internal sealed class TcpAccessLog(TextWriter output, TimeProvider time, AccessLogEncoding encoding = AccessLogEncoding.Text)
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Write(DateTimeOffset start, long startTimestamp, string flags, long received, long sent, string? upstreamHost, string cluster,
        IPEndPoint original, EndPoint? caller, string? serverName)
    {
        if (ReferenceEquals(output, TextWriter.Null)) return;
        var duration = (long)time.GetElapsedTime(startTimestamp).TotalMilliseconds;
        var line = encoding == AccessLogEncoding.Json
            ? Json(start, flags, received, sent, duration, upstreamHost, cluster, original, caller, serverName)
            : string.Create(CultureInfo.InvariantCulture,
                $"[{start:yyyy-MM-ddTHH:mm:ss.fffZ}] \"- - -\" 0 {flags} - - \"-\" {received} {sent} {duration} - \"-\" \"-\" \"-\" \"-\" \"{upstreamHost ?? "-"}\" {cluster} - {original} {caller?.ToString() ?? "-"} {serverName ?? "-"} -");
        lock (output) output.WriteLine(line);
    }

    private static string Json(DateTimeOffset start, string flags, long received, long sent, long duration, string? upstreamHost, string cluster,
        IPEndPoint original, EndPoint? caller, string? serverName)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            w.WriteStartObject();
            w.WriteString("start_time", start.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteNumber("response_code", 0);
            w.WriteString("response_flags", flags);
            w.WriteNumber("bytes_received", received);
            w.WriteNumber("bytes_sent", sent);
            w.WriteNumber("duration", duration);
            w.WriteString("upstream_host", upstreamHost ?? "-");
            w.WriteString("upstream_cluster", cluster);
            w.WriteString("downstream_local_address", original.ToString());
            w.WriteString("downstream_remote_address", caller?.ToString() ?? "-");
            w.WriteString("requested_server_name", serverName ?? "-");
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
