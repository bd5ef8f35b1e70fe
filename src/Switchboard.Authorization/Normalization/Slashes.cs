namespace Switchboard.Authorization.Normalization;

/// <summary>Envoy's <c>merge_slashes</c>: every run of <c>/</c> in the path becomes one (the query is not touched).</summary>
internal static class Slashes
{
    public static string Merge(string path)
    {
        if (!path.Contains("//", StringComparison.Ordinal)) return path;
        var result = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c == '/' && result.Length > 0 && result[^1] == '/') continue;
            result.Append(c);
        }
        return result.ToString();
    }
}
