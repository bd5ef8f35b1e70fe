using System.Text.RegularExpressions;

namespace Switchboard.Config.Validation;

/// <summary>
/// Checks that a pattern is a regex Envoy's RE2 accepts. .NET's NonBacktracking engine refuses the same
/// constructs RE2 lacks (backreferences, lookaround, atomic groups), so compiling with it is a close check.
/// https://github.com/google/re2/wiki/Syntax
/// </summary>
internal static class Re2Syntax
{
    /// <summary>Patterns longer than this are refused (Envoy's program-size limit grows with length).</summary>
    public const int MaxLength = 8192;

    /// <summary>Why <paramref name="pattern"/> is not a usable RE2 regex, or null.</summary>
    public static string? Check(string pattern)
    {
        if (pattern.Length == 0) return "regex must not be empty";
        if (pattern.Length > MaxLength) return $"regex is {pattern.Length} characters long, over the limit of {MaxLength}";
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

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
