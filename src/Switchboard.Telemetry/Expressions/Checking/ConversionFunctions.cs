using System.Collections.Frozen;
using Switchboard.Telemetry.Expressions.Evaluation;

namespace Switchboard.Telemetry.Expressions.Checking;

/// <summary>CEL's conversion functions: the runtime function, its result type, and the argument types it takes.</summary>
internal static class ConversionFunctions
{
    /// <summary>One conversion function.</summary>
    public sealed record Conversion(Func<Value, Value> Function, CelType Result, CelType[] Accepts);

    private static readonly FrozenDictionary<string, Conversion> ByName = new Dictionary<string, Conversion>
    {
        ["int"] = new(Conversions.ToInt, CelType.Int, [CelType.Int, CelType.Uint, CelType.Double, CelType.String, CelType.Timestamp]),
        ["uint"] = new(Conversions.ToUint, CelType.Uint, [CelType.Int, CelType.Uint, CelType.Double, CelType.String]),
        ["double"] = new(Conversions.ToDouble, CelType.Double, [CelType.Int, CelType.Uint, CelType.Double, CelType.String]),
        ["string"] = new(Conversions.ToStringValue, CelType.String,
            [CelType.Int, CelType.Uint, CelType.Double, CelType.String, CelType.Bool, CelType.Timestamp, CelType.Duration]),
        ["bool"] = new(Conversions.ToBool, CelType.Bool, [CelType.Bool, CelType.String]),
        ["timestamp"] = new(Conversions.ToTimestamp, CelType.Timestamp, [CelType.String, CelType.Int, CelType.Timestamp]),
        ["duration"] = new(Conversions.ToDuration, CelType.Duration, [CelType.String, CelType.Duration]),
        ["dyn"] = new(Conversions.ToDyn, CelType.Dyn,
            [CelType.Null, CelType.Bool, CelType.Int, CelType.Uint, CelType.Double, CelType.String, CelType.Timestamp, CelType.Duration, CelType.List, CelType.Map]),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryGet(string name, out Conversion conversion) => ByName.TryGetValue(name, out conversion!);
}
