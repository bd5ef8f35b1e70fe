using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>An HTTP route's <c>corsPolicy</c>.</summary>
internal static class CorsChecks
{
    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal)
    {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE",
    };

    public static void Validate(ValidationContext context, string path, CorsPolicy? cors)
    {
        if (cors is null) return;
        for (var i = 0; i < cors.AllowOrigins.Count; i++)
        {
            var origin = cors.AllowOrigins[i];
            var originPath = $"{path}.allowOrigins[{i}]";
            if (string.IsNullOrEmpty(origin.Exact ?? origin.Prefix ?? origin.Regex)) context.Error(originPath, "an origin match needs a non-empty exact, prefix or regex");
            else HttpMatchChecks.StringMatchField(context, originPath, origin, allowEmpty: false);
        }
        for (var i = 0; i < cors.AllowMethods.Count; i++)
        {
            if (!Methods.Contains(cors.AllowMethods[i])) context.Error($"{path}.allowMethods[{i}]", $"\"{cors.AllowMethods[i]}\" is not an HTTP method ({string.Join(", ", Methods)})");
        }
        foreach (var (field, names) in new[] { ("allowHeaders", cors.AllowHeaders), ("exposeHeaders", cors.ExposeHeaders) })
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (names[i] != "*" && !HeaderChecks.IsHeaderName(names[i])) context.Error($"{path}.{field}[{i}]", $"\"{names[i]}\" is not a valid header name");
            }
        }
        DurationChecks.AtLeastOneMillisecond(context, $"{path}.maxAge", cors.MaxAge);
        if (cors.MaxAge is { } maxAge && maxAge.Value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            context.Error($"{path}.maxAge", $"maxAge {maxAge} must be whole seconds (Access-Control-Max-Age is in seconds)");
        }
    }
}
