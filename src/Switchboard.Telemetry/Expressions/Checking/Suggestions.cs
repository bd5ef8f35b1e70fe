namespace Switchboard.Telemetry.Expressions.Checking;

/// <summary>"did you mean" hints for misspelled names, by edit distance, as the config binder does for fields.</summary>
internal static class Suggestions
{
    public static string DidYouMean(string name, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Candidate: c, Distance: Distance(name, c)))
            .Where(x => x.Distance <= Math.Max(2, name.Length / 4))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Candidate is null ? "" : $"; did you mean '{best.Candidate}'?";
    }

    /// <summary>Levenshtein distance; names here are short, and long ones are cut off before it gets costly.</summary>
    private static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64) return int.MaxValue;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
