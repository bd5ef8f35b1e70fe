using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Proxy.Telemetry;

/// <summary>Access log encodings, as MeshConfig <c>accessLogEncoding</c> names them.</summary>
public enum AccessLogEncoding { Text, Json }

/// <summary>
/// Writes one line per request: by default in the layout of Istio's default Envoy text access log, so existing
/// log parsers and the habit of grepping for a response flag (<c>NR</c>, <c>UH</c>, …) keep working; or as one
/// JSON object per line with the same fields under Envoy's names. Which requests, where and how come from the
/// Telemetry API (<see cref="CompiledSink"/>): each sink's CEL filter is evaluated over the finished request, and a
/// filter that fails to evaluate (an absent attribute it did not test with <c>has()</c>) logs nothing, as in Envoy; a
/// provider with its own <c>logFormat.text</c> gets lines in that format instead.
/// </summary>
internal sealed class AccessLog(TextWriter output, TimeProvider time, AccessLogEncoding encoding = AccessLogEncoding.Text)
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _lock = new();
    private readonly AccessLogFiles _files = new();

    /// <summary>Logs to the built-in sink only (requests no config describes, e.g. before the first config).</summary>
    public void Write(HttpContext context, RequestRecord record) => Write(context, record, null, null);

    /// <summary>
    /// True when none of these sinks can write a line (no sinks, or all of them to the proxy's own output when that is
    /// off): then nothing here reads a request's byte counts, so they need not be counted for the log.
    /// </summary>
    public bool Silent(IReadOnlyList<CompiledSink>? sinks)
    {
        var outputOff = ReferenceEquals(output, TextWriter.Null);
        if (sinks is null) return outputOff;
        foreach (var sink in sinks)
        {
            if (!outputOff || sink.Sink.Path is not (null or "/dev/stdout")) return false;
        }
        return true;
    }

    public void Write(HttpContext context, RequestRecord record, IReadOnlyList<CompiledSink>? sinks, Switchboard.Telemetry.Expressions.IAttributeSource? attributes)
    {
        if (sinks is null)
        {
            Emit(output, encoding == AccessLogEncoding.Json, context, record);
            return;
        }
        foreach (var sink in sinks)
        {
            if (sink.Filter is { } filter && (attributes is null || !filter.EvaluateBool(attributes))) continue;
            var target = sink.Sink.Path is null or "/dev/stdout" ? output : _files.For(sink.Sink.Path);
            if (sink.Format is { } format && attributes is not null)
            {
                // The provider's own text format, rendered from the same view of the request the filter just read.
                if (ReferenceEquals(target, TextWriter.Null)) continue;
                var line = format.Render(attributes);
                lock (_lock) target.WriteLine(line);
                continue;
            }
            Emit(target, sink.Sink.Encoding == "JSON" || encoding == AccessLogEncoding.Json, context, record);
        }
    }

    private void Emit(TextWriter target, bool json, HttpContext context, RequestRecord record)
    {
        if (ReferenceEquals(target, TextWriter.Null)) return;
        var line = json ? Json(context, record) : Text(context, record);
        lock (_lock) target.WriteLine(line);
    }

    private string Text(HttpContext context, RequestRecord record)
    {
        var request = context.Request;
        var duration = time.GetElapsedTime(record.StartTimestamp).TotalMilliseconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{record.Start:yyyy-MM-ddTHH:mm:ss.fffZ}] \"{request.Method} {request.Path}{request.QueryString} {request.Protocol}\" {context.Response.StatusCode} {record.Flags} {record.Details ?? "-"} - \"-\" {record.RequestBytes ?? request.ContentLength ?? 0} {record.ResponseBytes ?? context.Response.ContentLength ?? 0} {duration:0} {(record.UpstreamTime is { } u ? u.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) : "-")} \"{Header(request, "x-forwarded-for")}\" \"{Header(request, "user-agent")}\" \"{Header(request, "x-request-id")}\" \"{request.Host}\" \"{record.UpstreamHost ?? "-"}\" {record.Cluster ?? "-"} - {DownstreamLocalAddress.Text(context)} {context.Connection.RemoteIpAddress}:{context.Connection.RemotePort} - {record.RouteName ?? "-"}");
    }

    private string Json(HttpContext context, RequestRecord record)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            w.WriteStartObject();
            w.WriteString("start_time", record.Start.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteString("method", request.Method);
            w.WriteString("path", request.Path.Value + request.QueryString.Value);
            w.WriteString("protocol", request.Protocol);
            w.WriteNumber("response_code", context.Response.StatusCode);
            w.WriteString("response_flags", record.Flags);
            w.WriteString("response_code_details", record.Details ?? "-");
            w.WriteNumber("bytes_received", record.RequestBytes ?? request.ContentLength ?? 0);
            w.WriteNumber("bytes_sent", record.ResponseBytes ?? context.Response.ContentLength ?? 0);
            w.WriteNumber("duration", (long)time.GetElapsedTime(record.StartTimestamp).TotalMilliseconds);
            if (record.UpstreamTime is { } upstream) w.WriteNumber("upstream_service_time", (long)upstream.TotalMilliseconds);
            w.WriteString("x_forwarded_for", Header(request, "x-forwarded-for"));
            w.WriteString("user_agent", Header(request, "user-agent"));
            w.WriteString("request_id", Header(request, "x-request-id"));
            w.WriteString("authority", request.Host.Value);
            w.WriteString("upstream_host", record.UpstreamHost ?? "-");
            w.WriteString("upstream_cluster", record.Cluster ?? "-");
            w.WriteString("downstream_local_address", DownstreamLocalAddress.Text(context));
            w.WriteString("downstream_remote_address", $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}");
            w.WriteString("route_name", record.RouteName ?? "-");
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Header(HttpRequest request, string name) => request.Headers.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : "-";
}
