using System.Text.RegularExpressions;

namespace Switchboard.Config.Validation;

/// <summary>
/// Checks that a pattern is a regex Envoy's RE2 accepts. .NET's NonBacktracking engine refuses the same
/// constructs RE2 lacks (backreferences, lookaround, atomic groups), so compiling with it is a close check.
/// https://github.com/google/re2/wiki/Syntax
/// </summary>
internal static partial class Re2Syntax
{
    /// <summary>Patterns longer than this are refused (Envoy's program-size limit grows with length).</summary>
    public const int MaxLength = 8192;

    /// <summary>RE2 refuses <c>{n}</c> / <c>{n,m}</c> counts above this; .NET would accept them.</summary>
    public const int MaxRepeat = 1000;

    /// <summary>Why <paramref name="pattern"/> is not a usable RE2 regex, or null.</summary>
    public static string? Check(string pattern)
    {
        if (pattern.Length == 0) return "regex must not be empty";
        if (pattern.Length > MaxLength) return $"regex is {pattern.Length} characters long, over the limit of {MaxLength}";
        if (LargestRepeat(pattern) is > MaxRepeat and var repeat) return $"regex repeat count {repeat} is over RE2's limit of {MaxRepeat}";
        // RE2 spells named groups (?P<name>…); .NET only knows (?<name>…), which RE2 also accepts.
        var dotnet = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
        try
        {
            _ = new Regex(dotnet, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return null;
        }
        catch (NotSupportedException)
        {
            return $"regex \"{Shorten(pattern)}\" uses a construct RE2 does not support (backreferences, lookaround, atomic or conditional groups)";
        }
        catch (ArgumentException ex)
        {
            return $"regex \"{Shorten(pattern)}\" is invalid: {ex.Message}";
        }
    }

    /// <summary>Reports <paramref name="pattern"/> at <paramref name="path"/> unless it is valid.</summary>
    public static void Validate(ValidationContext context, string path, string? pattern)
    {
        if (pattern is not null && Check(pattern) is { } error) context.Error(path, error);
    }

    private static int LargestRepeat(string pattern)
    {
        var largest = 0;
        foreach (Match m in RepeatCount().Matches(pattern))
        {
            foreach (var group in new[] { m.Groups[1], m.Groups[2] })
            {
                if (group.Success && group.Length > 0)
                {
                    largest = Math.Max(largest, group.Length > 9 ? int.MaxValue : int.Parse(group.Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        return largest;
    }

    [GeneratedRegex(@"(?<!\\)\{(\d+)(?:,(\d*))?\}")]
    private static partial Regex RepeatCount();

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
