using System.Globalization;
using System.Text;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// Values as text: <see cref="ToCelString"/> is CEL's <c>string()</c> conversion (what a metric tag shows), and
/// <see cref="Literal"/> is CEL source syntax for messages and tests.
/// </summary>
internal static class Formatting
{
    /// <summary><c>string(v)</c>, or null when CEL has no such conversion (null, lists, maps, errors).</summary>
    public static string? ToCelString(Value v) => v.Kind switch
    {
        ValueKind.String => (string)v.Reference!,
        ValueKind.Bool => v.Bits != 0 ? "true" : "false",
        ValueKind.Int => v.Bits.ToString(CultureInfo.InvariantCulture),
        ValueKind.Uint => ((ulong)v.Bits).ToString(CultureInfo.InvariantCulture),
        ValueKind.Double => GoDouble.Format(v.AsDouble),
        ValueKind.Timestamp => TimestampText.Format(v.Bits),
        ValueKind.Duration => DurationText.Format(v.Bits),
        _ => null,
    };

    public static string Literal(Value v) => v.Kind switch
    {
        ValueKind.Error => $"error({(EvaluationError)v.Bits})",
        ValueKind.Null => "null",
        ValueKind.Uint => ToCelString(v) + "u",
        ValueKind.Double => DoubleLiteral(v.AsDouble),
        ValueKind.String => Quote((string)v.Reference!),
        ValueKind.Timestamp => $"timestamp({Quote(TimestampText.Format(v.Bits))})",
        ValueKind.Duration => $"duration({Quote(DurationText.Format(v.Bits))})",
        ValueKind.List => "[" + string.Join(", ", ((ListValue)v.Reference!).Items.Select(Literal)) + "]",
        ValueKind.Map => "{" + string.Join(", ", ((MapValue)v.Reference!).Entries.Select(e => Literal(e.Key) + ": " + Literal(e.Value))) + "}",
        _ => ToCelString(v)!,
    };

    private static string DoubleLiteral(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(d) && !text.Contains('.') && !text.Contains('E') ? text + ".0" : text;
    }

    private static string Quote(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in s)
        {
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return b.Append('"').ToString();
    }
}
