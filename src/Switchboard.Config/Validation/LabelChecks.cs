namespace Switchboard.Config.Validation;

/// <summary>Kubernetes label syntax, and the extra rules for workload selectors (no empty keys, no wildcards).</summary>
internal static class LabelChecks
{
    /// <summary>Each key is <c>[prefix/]name</c>, each value 0–63 characters of <c>[A-Za-z0-9-_.]</c>, alphanumeric at the ends.</summary>
    public static void Labels(ValidationContext context, string path, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in labels)
        {
            if (CheckKey(key) is { } keyError) context.Error($"{path}[{key}]", keyError);
            else if (value.Length > 0 && !IsName(value)) context.Error($"{path}[{key}]", $"label value \"{value}\" is invalid (at most 63 of A-Z a-z 0-9 - _ ., alphanumeric at both ends)");
        }
    }

    /// <summary>Labels of a workload selector: label syntax, no wildcards; an empty selector selects everything (warning).</summary>
    public static void WorkloadSelector(ValidationContext context, string path, IReadOnlyDictionary<string, string> labels)
    {
        if (labels.Count == 0) context.Warning(path, "selector has no labels, so it selects every workload in the namespace");
        foreach (var (key, value) in labels)
        {
            if (key.Contains('*') || value.Contains('*')) context.Error($"{path}[{key}]", "wildcards are not supported in selectors");
        }
        Labels(context, path, labels);
    }

    private static string? CheckKey(string key)
    {
        if (key.Length == 0) return "label key must not be empty";
        var slash = key.LastIndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0 && !HostNames.IsDnsSubdomain(key[..slash])) return $"label key prefix \"{key[..slash]}\" is not a DNS subdomain";
        return IsName(name) ? null : $"label key \"{key}\" is invalid (name part: at most 63 of A-Z a-z 0-9 - _ ., alphanumeric at both ends)";
    }

    private static bool IsName(string s) =>
        s.Length is > 0 and <= 63 && char.IsAsciiLetterOrDigit(s[0]) && char.IsAsciiLetterOrDigit(s[^1])
        && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
