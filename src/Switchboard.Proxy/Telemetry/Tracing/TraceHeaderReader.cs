using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// Reads the caller's trace context. When both families are present the provider's own comes first, as Envoy's
/// tracers do: Zipkin reads B3 (multi, then single), OpenTelemetry reads W3C <c>traceparent</c>; the other family is
/// the fallback, so an app that forwards only one set still joins the trace. Malformed values count as absent
/// (a new trace), never as an error: a bad header from an app must not fail its request.
/// </summary>
internal static class TraceHeaderReader
{
    public static IncomingTrace Read(IHeaderDictionary headers, bool preferB3)
    {
        if (preferB3) return ReadB3(headers) ?? ReadW3C(headers) ?? IncomingTrace.None;
        return ReadW3C(headers) ?? ReadB3(headers) ?? IncomingTrace.None;
    }

    /// <summary>B3: the single <c>b3</c> header wins over the separate ones (the B3 spec's rule).</summary>
    private static IncomingTrace? ReadB3(IHeaderDictionary headers)
    {
        if (First(headers, TraceHeaders.B3Single) is { } single && ParseB3Single(single) is { } parsed) return parsed;
        var debug = First(headers, TraceHeaders.B3Flags) == "1";
        bool? sampled = debug ? true : First(headers, TraceHeaders.B3Sampled) switch
        {
            "1" or "true" => true,
            "0" or "false" => false,
            _ => null,
        };
        if (TraceId(First(headers, TraceHeaders.B3TraceId)) is { } traceId && SpanId(First(headers, TraceHeaders.B3SpanId)) is { } spanId)
            return new IncomingTrace(traceId, spanId, true, sampled, null);
        return sampled is null ? null : new IncomingTrace(default, default, false, sampled, null);
    }

    /// <summary><c>{trace}-{span}[-{1|0|d}[-{parent}]]</c>, or the decision alone (<c>0</c>, <c>1</c>, <c>d</c>).</summary>
    public static IncomingTrace? ParseB3Single(string value)
    {
        if (value.Length == 1) return Decision(value[0]) is { } only ? new IncomingTrace(default, default, false, only, null) : null;
        var parts = value.Split('-');
        if (parts.Length < 2 || TraceId(parts[0]) is not { } traceId || SpanId(parts[1]) is not { } spanId) return null;
        bool? sampled = null;
        if (parts.Length >= 3)
        {
            if (parts[2].Length != 1 || Decision(parts[2][0]) is not { } decision) return null;
            sampled = decision;
        }
        return new IncomingTrace(traceId, spanId, true, sampled, null);
    }

    /// <summary><c>{version}-{trace}-{parent}-{flags}</c>; version ff and all-zero ids are invalid (W3C §3.2).</summary>
    public static IncomingTrace? ParseTraceParent(string value, string? state)
    {
        if (value.Length < 55 || value[2] != '-' || value[35] != '-' || value[52] != '-' || (value.Length > 55 && value[55] != '-')) return null;
        if (!IsHex(value.AsSpan(0, 2)) || value.StartsWith("ff", StringComparison.OrdinalIgnoreCase)) return null;
        if (value.StartsWith("00", StringComparison.Ordinal) && value.Length != 55) return null;
        if (TraceId(value.Substring(3, 32)) is not { } traceId || SpanId(value.Substring(36, 16)) is not { } spanId) return null;
        if (!byte.TryParse(value.AsSpan(53, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var flags)) return null;
        return new IncomingTrace(traceId, spanId, true, (flags & 1) == 1, state);
    }

    private static IncomingTrace? ReadW3C(IHeaderDictionary headers) =>
        First(headers, TraceHeaders.TraceParent) is { } parent ? ParseTraceParent(parent, First(headers, TraceHeaders.TraceState)) : null;

    private static bool? Decision(char c) => c switch { '1' or 'd' => true, '0' => false, _ => null };

    /// <summary>A 128-bit id, or a 64-bit B3 one left-padded with zeros (how B3 widens old ids).</summary>
    private static ActivityTraceId? TraceId(string? hex)
    {
        if (hex is null || (hex.Length != 32 && hex.Length != 16) || !IsHex(hex) || IsZero(hex)) return null;
        return ActivityTraceId.CreateFromString((hex.Length == 16 ? "0000000000000000" + hex : hex).ToLowerInvariant());
    }

    private static ActivitySpanId? SpanId(string? hex) =>
        hex is { Length: 16 } && IsHex(hex) && !IsZero(hex) ? ActivitySpanId.CreateFromString(hex.ToLowerInvariant()) : null;

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static bool IsHex(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(HexDigits);

    private static bool IsZero(string hex) => !hex.AsSpan().ContainsAnyExcept('0');

    private static string? First(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0]?.Trim() : null;
}
