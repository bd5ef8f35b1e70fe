using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>One <c>HTTPMatchRequest</c> and its <c>StringMatch</c>es.</summary>
internal static class HttpMatchChecks
{
    /// <summary>Checks a match; root routes (with delegate) and delegate routes (<paramref name="noRegex"/>) cannot use regexes.</summary>
    public static void Validate(ValidationContext context, string path, HttpMatchRequest match, bool noRegex)
    {
        if (IsEmpty(match))
        {
            context.Error(path, "a match must not be empty; omit match to match every request");
            return;
        }
        StringMatchField(context, $"{path}.uri", match.Uri, allowEmpty: false, noRegex);
        StringMatchField(context, $"{path}.scheme", match.Scheme, allowEmpty: false, noRegex);
        StringMatchField(context, $"{path}.method", match.Method, allowEmpty: false, noRegex);
        StringMatchField(context, $"{path}.authority", match.Authority, allowEmpty: false, noRegex);
        foreach (var (field, map) in new[] { ("headers", match.Headers), ("withoutHeaders", match.WithoutHeaders) })
        {
            foreach (var (name, value) in map)
            {
                HeaderChecks.MatchName(context, $"{path}.{field}[{name}]", name);
                // {} means "header present"
                StringMatchField(context, $"{path}.{field}[{name}]", value, allowEmpty: true, noRegex);
            }
        }
        foreach (var (name, value) in match.QueryParams)
        {
            // {} means "parameter present", as Istio translates it to a presence match.
            StringMatchField(context, $"{path}.queryParams[{name}]", value, allowEmpty: true, noRegex);
        }
        if (match.Port is { } port) NetworkChecks.Port(context, $"{path}.port", port);
        LabelChecks.Labels(context, $"{path}.sourceLabels", match.SourceLabels);
        GatewayNameChecks.Validate(context, $"{path}.gateways", match.Gateways);
        if (match.SourceNamespace is { } ns && !HostNames.IsDnsLabel(ns))
        {
            context.Error($"{path}.sourceNamespace", $"\"{ns}\" is not a valid namespace name");
        }
    }

    /// <summary>Exactly one of exact/prefix/regex (or none where <paramref name="allowEmpty"/>); regexes must be RE2.</summary>
    public static void StringMatchField(ValidationContext context, string path, StringMatch? match, bool allowEmpty, bool noRegex = false)
    {
        if (match is null) return;
        var set = (match.Exact is null ? 0 : 1) + (match.Prefix is null ? 0 : 1) + (match.Regex is null ? 0 : 1);
        if (set == 0 && !allowEmpty) context.Error(path, "set one of exact, prefix or regex");
        if (set > 1) context.Error(path, "only one of exact, prefix or regex may be set");
        if (match.Regex is null) return;
        if (noRegex) context.Error($"{path}.regex", "regex matches are not supported in routes that delegate or are delegated to");
        else Re2Syntax.Validate(context, $"{path}.regex", match.Regex);
    }

    private static bool IsEmpty(HttpMatchRequest m) =>
        m.Name is null && m.Uri is null && m.Scheme is null && m.Method is null && m.Authority is null && m.Headers.Count == 0
        && m.WithoutHeaders.Count == 0 && m.QueryParams.Count == 0 && m.Port is null && m.SourceLabels.Count == 0 && m.Gateways.Count == 0
        && m.SourceNamespace is null && m.IgnoreUriCase is null && m.StatPrefix is null;
}
