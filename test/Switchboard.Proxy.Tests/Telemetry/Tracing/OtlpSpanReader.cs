using Google.Protobuf;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>A span as a collector received it: ids in lower hex, OTLP's kind number, attributes as string or long.</summary>
public sealed record ReceivedSpan(string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, string Service,
    IReadOnlyDictionary<string, object> Attributes)
{
    public const int ServerKind = 2;
    public const int ClientKind = 3;

    public string Tag(string key) => Attributes.TryGetValue(key, out var value) ? value.ToString()! : "";
}

/// <summary>
/// Reads an OTLP <c>ExportTraceServiceRequest</c> with only the fields these tests look at, by field number:
/// resource_spans 1 → (resource 1 → attributes 1) and scope_spans 2 → spans 2 → trace_id 1, span_id 2,
/// parent_span_id 4, name 5, kind 6, attributes 9 (key 1, value 2 → string_value 1, int_value 3). Anything else is skipped.
/// </summary>
public static class OtlpSpanReader
{
    public static IReadOnlyList<ReceivedSpan> Read(byte[] request)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var resourceSpans in Messages(request, 1))
        {
            var service = "";
            foreach (var resource in Messages(resourceSpans, 1))
            {
                foreach (var (key, value) in Messages(resource, 1).Select(Attribute))
                    if (key == "service.name") service = value.ToString()!;
            }
            foreach (var scopeSpans in Messages(resourceSpans, 2))
                spans.AddRange(Messages(scopeSpans, 2).Select(s => Span(s, service)));
        }
        return spans;
    }

    private static ReceivedSpan Span(byte[] span, string service)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = 0;
        var attributes = new Dictionary<string, object>();
        var input = new CodedInputStream(span);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 2: spanId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 4: parent = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 5: name = input.ReadString(); break;
                case 6: kind = input.ReadEnum(); break;
                case 9:
                    var (key, value) = Attribute(input.ReadBytes().ToByteArray());
                    attributes[key] = value;
                    break;
                default: input.SkipLastField(); break;
            }
        }
        return new ReceivedSpan(traceId, spanId, parent, name, kind, service, attributes);
    }

    /// <summary>A KeyValue: the key, and the AnyValue's string or int (other kinds read as "").</summary>
    private static (string Key, object Value) Attribute(byte[] keyValue)
    {
        var key = "";
        object value = "";
        var input = new CodedInputStream(keyValue);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1) key = input.ReadString();
            else if (WireFormat.GetTagFieldNumber(tag) == 2) value = AnyValue(input.ReadBytes().ToByteArray());
            else input.SkipLastField();
        }
        return (key, value);
    }

    private static object AnyValue(byte[] any)
    {
        var input = new CodedInputStream(any);
        object value = "";
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: value = input.ReadString(); break;
                case 3: value = input.ReadInt64(); break;
                default: input.SkipLastField(); break;
            }
        }
        return value;
    }

    /// <summary>The embedded messages of field <paramref name="field"/> in <paramref name="message"/>, in order.</summary>
    private static IEnumerable<byte[]> Messages(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                found.Add(input.ReadBytes().ToByteArray());
            else input.SkipLastField();
        }
        return found;
    }
}
