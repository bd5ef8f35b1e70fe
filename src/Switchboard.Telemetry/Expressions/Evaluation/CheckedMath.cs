namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>Overflow-detecting 64-bit arithmetic that reports instead of throwing (evaluation never throws).</summary>
internal static class CheckedMath
{
    public static bool Add(long a, long b, out long result)
    {
        result = unchecked(a + b);
        return ((a ^ result) & (b ^ result)) >= 0;
    }

    public static bool Add(ulong a, ulong b, out ulong result)
    {
        result = unchecked(a + b);
        return result >= a;
    }

    public static bool Subtract(long a, long b, out long result)
    {
        result = unchecked(a - b);
        return ((a ^ b) & (a ^ result)) >= 0;
    }

    public static bool Multiply(long a, long b, out long result)
    {
        var high = Math.BigMul(a, b, out result);
        return high == result >> 63;
    }

    public static bool Multiply(ulong a, ulong b, out ulong result) => Math.BigMul(a, b, out result) == 0;
}
