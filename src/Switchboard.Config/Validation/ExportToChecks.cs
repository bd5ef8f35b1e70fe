namespace Switchboard.Config.Validation;

/// <summary><c>exportTo</c>: <c>.</c>, <c>*</c>, namespace names (and <c>~</c> for ServiceEntry), without duplicates or mixes.</summary>
internal static class ExportToChecks
{
    public static void Validate(ValidationContext context, string path, IReadOnlyList<string> exportTo, bool allowNone = false)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var own = context.Resource.Namespace;
        for (var i = 0; i < exportTo.Count; i++)
        {
            var entry = exportTo[i];
            var itemPath = $"{path}[{i}]";
            if (entry is not ("." or "*") && !(allowNone && entry == "~") && !HostNames.IsDnsLabel(entry))
            {
                context.Error(itemPath, $"\"{entry}\" is not \".\", \"*\"{(allowNone ? ", \"~\"" : "")} or a namespace name");
                continue;
            }
            if (!seen.Add(entry == "." ? own : entry)) context.Error(itemPath, $"duplicate exportTo entry \"{entry}\"");
        }
        if (exportTo.Count > 1 && exportTo.Contains("*")) context.Error(path, "\"*\" already exports to every namespace; it cannot be combined with other entries");
        if (exportTo.Count > 1 && exportTo.Contains("~")) context.Error(path, "\"~\" (visible to no one) cannot be combined with other entries");
    }
}
