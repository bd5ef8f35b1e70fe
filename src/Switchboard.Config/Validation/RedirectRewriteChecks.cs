using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>An HTTP route's <c>redirect</c> and <c>rewrite</c>.</summary>
internal static class RedirectRewriteChecks
{
    public static void Redirect(ValidationContext context, string path, HttpRedirect? redirect)
    {
        if (redirect is null) return;
        if (string.IsNullOrEmpty(redirect.Uri) && string.IsNullOrEmpty(redirect.Authority) && redirect.Port is null && redirect.DerivePort is null
            && string.IsNullOrEmpty(redirect.Scheme) && string.IsNullOrEmpty(redirect.PrefixRewrite))
        {
            context.Error(path, "redirect must set at least one of uri, authority, scheme, port, derivePort or prefixRewrite");
        }
        if (redirect.RedirectCode is { } code && code is < 300 or > 399) context.Error($"{path}.redirectCode", $"{code} is not a redirect code (300..399)");
        if (!string.IsNullOrEmpty(redirect.Scheme) && redirect.Scheme is not ("http" or "https"))
        {
            context.Error($"{path}.scheme", $"redirect scheme \"{redirect.Scheme}\" must be \"http\" or \"https\"");
        }
        if (redirect.Port is { } port) NetworkChecks.Port(context, $"{path}.port", port);
        if (redirect.Port is not null && redirect.DerivePort is not null) context.Error($"{path}.derivePort", "only one of port and derivePort may be set");
        if (!string.IsNullOrEmpty(redirect.Uri) && !string.IsNullOrEmpty(redirect.PrefixRewrite))
        {
            context.Error($"{path}.prefixRewrite", "only one of uri and prefixRewrite may be set");
        }
    }

    public static void Rewrite(ValidationContext context, string path, HttpRewrite? rewrite)
    {
        if (rewrite is null) return;
        var hasUri = !string.IsNullOrEmpty(rewrite.Uri);
        if (hasUri && rewrite.UriRegexRewrite is not null) context.Error($"{path}.uriRegexRewrite", "only one of uri and uriRegexRewrite may be set");
        if (!hasUri && rewrite.UriRegexRewrite is null && string.IsNullOrEmpty(rewrite.Authority))
        {
            context.Error(path, "rewrite must set at least one of uri, uriRegexRewrite or authority");
        }
        if (rewrite.UriRegexRewrite is { } regex)
        {
            if (string.IsNullOrEmpty(regex.Match)) context.Error($"{path}.uriRegexRewrite.match", "match is required");
            else Re2Syntax.Validate(context, $"{path}.uriRegexRewrite.match", regex.Match);
            if (string.IsNullOrEmpty(regex.Rewrite)) context.Error($"{path}.uriRegexRewrite.rewrite", "rewrite is required");
        }
    }
}
