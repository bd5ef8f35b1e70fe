using Switchboard.Config.Networking;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Compiles <c>corsPolicy</c>: <c>allowOrigins</c> matchers, else the deprecated <c>allowOrigin</c> strings as exact
/// matches; <c>unmatchedPreflights: IGNORE</c> stops forwarding preflights no origin matches (FORWARD is the default).
/// </summary>
internal static class CorsBuilder
{
    public static CorsRule? Build(CorsPolicy? cors)
    {
        if (cors is null) return null;
        var origins = cors.AllowOrigins.Count > 0
            ? cors.AllowOrigins.Select(o => MatchBuilder.Matcher(o)).OfType<StringMatcher>().ToList()
            : cors.AllowOrigin.Select(o => new StringMatcher(MatchKind.Exact, o)).ToList();
        return new CorsRule
        {
            AllowOrigins = origins,
            AllowMethods = cors.AllowMethods,
            AllowHeaders = cors.AllowHeaders,
            ExposeHeaders = cors.ExposeHeaders,
            MaxAge = cors.MaxAge?.Value,
            AllowCredentials = cors.AllowCredentials ?? false,
            ForwardUnmatchedPreflights = cors.UnmatchedPreflights != UnmatchedPreflights.Ignore,
        };
    }
}
