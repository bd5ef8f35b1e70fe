using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Switchboard.Authorization.Normalization;

namespace Switchboard.Proxy.Pipeline;

/// <summary>
/// One view of the path on the outbound hop too (reference §1.3): the raw request target (origin- or absolute-form) is
/// normalized in the mesh's pathNormalization mode and becomes the request's path, so route matching, rewrites and
/// the forwarded request all see what the inbound side will authorize — not Kestrel's own decoding of it.
/// </summary>
internal static class OutboundPath
{
    /// <summary>False when the target cannot be normalized safely (<c>%00</c>, control characters): the caller answers 400.</summary>
    public static bool TryNormalize(HttpContext context, string? mode)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw == "*") return true;
        var pathAndQuery = raw[0] == '/' ? raw : AfterAuthority(raw);
        if (pathAndQuery is null) return true;
        var normalized = PathNormalizer.Normalize(pathAndQuery, PathNormalizationSetting.Parse(mode));
        if (normalized.IsRejected) return false;
        context.Request.Path = new PathString(normalized.Path);
        return true;
    }

    /// <summary>The path and query of an absolute-form target (<c>http://host:port/p?q</c>), exactly as sent.</summary>
    private static string? AfterAuthority(string target)
    {
        var scheme = target.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return null;
        var slash = target.IndexOf('/', scheme + 3);
        var question = target.IndexOf('?', scheme + 3);
        if (slash < 0 || (question >= 0 && question < slash)) return question < 0 ? "/" : "/" + target[question..];
        return target[slash..];
    }
}
