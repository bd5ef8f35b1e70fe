namespace Switchboard.Cli.Output;

/// <summary>
/// Compares what the control plane sent a proxy with what the proxy says it holds (both as config_dump JSON):
/// a proxy that kept an old config (a NACK) or drifted shows here, not as a mystery 503 later.
/// </summary>
public static class ConfigDifference
{
    /// <summary>Null when the two are the same; otherwise how many lines differ and the first of them.</summary>
    public static string? Describe(string sent, string held)
    {
        var a = Lines(sent);
        var b = Lines(held);
        if (a.SequenceEqual(b, StringComparer.Ordinal)) return null;
        var first = 0;
        while (first < a.Length && first < b.Length && a[first] == b[first]) first++;
        var onlySent = a.Except(b, StringComparer.Ordinal).Count();
        var onlyHeld = b.Except(a, StringComparer.Ordinal).Count();
        var line = first < b.Length ? b[first].Trim() : "(end of the proxy's config)";
        return $"{onlySent} line(s) sent but not held, {onlyHeld} held but not sent; first difference at line {first + 1}: {line}";
    }

    private static string[] Lines(string json) => json.ReplaceLineEndings("\n").TrimEnd().Split('\n');
}
