namespace Switchboard.Config.Binding;

/// <summary>
/// Finds the valid name a user most likely meant. A candidate that contains the unknown name (or is
/// contained by it) wins first, so <c>pendingRequests</c> → <c>http1MaxPendingRequests</c> and
/// <c>requestsPerConnection</c> → <c>maxRequestsPerConnection</c>; otherwise the smallest edit distance
/// within a third of the name's length.
/// </summary>
public static class NameSuggester
{
    public static string? Closest(string unknown, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestScore = int.MaxValue;
        var lower = unknown.ToLowerInvariant();
        foreach (var candidate in candidates)
        {
            var c = candidate.ToLowerInvariant();
            int score;
            if (c == lower) score = 0;
            else if (lower.Length >= 4 && (c.Contains(lower, StringComparison.Ordinal) || lower.Contains(c, StringComparison.Ordinal)))
                score = 1 + Math.Abs(c.Length - lower.Length) / 4;
            else
            {
                var distance = EditDistance(lower, c);
                if (distance > Math.Max(2, lower.Length / 3)) continue;
                score = 100 + distance;
            }
            if (score < bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance with two rows.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
