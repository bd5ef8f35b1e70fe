using System.Text.RegularExpressions;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// Regexes from configuration: RE2 is linear-time, and .NET's NonBacktracking engine gives the same guarantee (and,
/// like RE2, has no backreferences or lookarounds); the timeout is a second line of defence. NonBacktracking runs
/// in the interpreter under NativeAOT, no code generation involved.
/// </summary>
internal static class SafeRegex
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    /// <summary>A compiled pattern, or null with the reason.</summary>
    public static Regex? TryCreate(string pattern, out string? problem)
    {
        try
        {
            problem = null;
            // RE2 spells named groups (?P<name>...); .NET knows only (?<name>...).
            return new Regex(pattern.Replace("(?P<", "(?<", StringComparison.Ordinal), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, Timeout);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            problem = e.Message;
            return null;
        }
    }

    public static Value IsMatch(Regex regex, string input)
    {
        try
        {
            return Value.Bool(regex.IsMatch(input));
        }
        catch (RegexMatchTimeoutException)
        {
            return Value.Error(EvaluationError.RegexTimeout);
        }
    }
}
