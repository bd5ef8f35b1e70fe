using System.Globalization;
using System.Text;
using Switchboard.Telemetry.Expressions;

namespace Switchboard.Telemetry.AccessLogFormats;

/// <summary>
/// One piece of a compiled format: literal text, or an operator with what it was parsed into (the header and its
/// <c>X?Y</c> alternative, already lower-cased or resolved to a pseudo-header attribute; the START_TIME format; the
/// <c>:N</c> length limit). Renders from the request's attributes; an absent value is <c>-</c>, as in Envoy.
/// </summary>
internal sealed record LogSegment
{
    public string? Literal { get; init; }
    public CommandOperator? Operator { get; init; }
    public HeaderRef? Header { get; init; }
    public HeaderRef? Alternative { get; init; }
    public StartTimeFormat? Time { get; init; }
    public int? MaxLength { get; init; }

    public void Render(IAttributeSource source, StringBuilder into)
    {
        if (Literal is not null)
        {
            into.Append(Literal);
            return;
        }
        var start = into.Length;
        if (!Append(source, into)) into.Append('-');
        else if (MaxLength is { } max && into.Length - start > max) into.Length = start + max;
    }

    private bool Append(IAttributeSource source, StringBuilder into)
    {
        var op = Operator!;
        if (op.Argument == OperatorArgument.Header)
        {
            return Header!.TryGet(source, op.Map!.Value, out var value) || (Alternative is not null && Alternative.TryGet(source, op.Map!.Value, out value))
                ? AppendValue(value, into)
                : false;
        }
        if (!source.TryGet(op.Attribute!.Value, out var v)) return false;
        switch (op.Rendering)
        {
            case OperatorRendering.Timestamp when v.Kind == ValueKind.Timestamp:
                (Time ?? StartTimeFormat.Default).Render(v.AsTimestamp, into);
                return true;
            case OperatorRendering.Milliseconds when v.Kind == ValueKind.Duration:
                into.Append(((long)v.AsDuration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
                return true;
            case OperatorRendering.WithPort:
                var address = Text(v);
                if (address.Contains(':')) into.Append('[').Append(address).Append(']');
                else into.Append(address);
                if (source.TryGet(op.Port!.Value, out var port)) into.Append(':').Append(Text(port));
                return true;
            default:
                return AppendValue(v, into);
        }
    }

    private static bool AppendValue(Value value, StringBuilder into)
    {
        into.Append(Text(value));
        return true;
    }

    private static string Text(Value value) => value.Kind switch
    {
        ValueKind.String => value.AsString,
        ValueKind.Int => value.AsInt.ToString(CultureInfo.InvariantCulture),
        ValueKind.Uint => value.AsUint.ToString(CultureInfo.InvariantCulture),
        ValueKind.Bool => value.AsBool ? "true" : "false",
        ValueKind.Double => value.AsDouble.ToString(CultureInfo.InvariantCulture),
        ValueKind.Duration => ((long)value.AsDuration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ValueKind.Timestamp => value.AsTimestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        _ => "-",
    };
}

/// <summary>A header an operator reads: a header-map entry (lower-cased, as Envoy indexes them) or a pseudo-header attribute.</summary>
internal sealed record HeaderRef(string Name, AttributeId? Pseudo)
{
    public bool TryGet(IAttributeSource source, AttributeMap map, out Value value) =>
        Pseudo is { } attribute && map == AttributeMap.RequestHeaders ? source.TryGet(attribute, out value) : source.TryGetEntry(map, Name, out value);
}
