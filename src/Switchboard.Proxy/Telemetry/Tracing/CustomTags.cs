using Microsoft.AspNetCore.Http;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// Telemetry <c>customTags</c> for one side, resolved as far as they can be before any request: literals and the proxy
/// process's environment variables are fixed for the life of a config (Envoy reads them when it loads the config);
/// request headers are read per request. A missing variable or header gives the tag's default, or no tag without one.
/// </summary>
internal sealed class CustomTags
{
    private CustomTags(IReadOnlyList<KeyValuePair<string, object?>> fixedTags, IReadOnlyList<SpanTag> headerTags)
    {
        Fixed = fixedTags;
        FromHeaders = headerTags;
    }

    public IReadOnlyList<KeyValuePair<string, object?>> Fixed { get; }
    public IReadOnlyList<SpanTag> FromHeaders { get; }

    public static CustomTags Compile(IReadOnlyList<SpanTag> tags, Func<string, string?> environment)
    {
        var fixedTags = new List<KeyValuePair<string, object?>>();
        var headerTags = new List<SpanTag>();
        foreach (var tag in tags)
        {
            switch (tag.Kind)
            {
                case "literal":
                    fixedTags.Add(new(tag.Name, tag.Value));
                    break;
                case "environment" when (environment(tag.Value) is { Length: > 0 } value ? value : tag.DefaultValue) is { } resolved:
                    fixedTags.Add(new(tag.Name, resolved));
                    break;
                case "header":
                    headerTags.Add(tag);
                    break;
            }
        }
        return new CustomTags(fixedTags, headerTags);
    }

    /// <summary>The header tags' values for one request.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Headers(IHeaderDictionary headers)
    {
        foreach (var tag in FromHeaders)
        {
            var value = headers.TryGetValue(tag.Value, out var values) && values.Count > 0 ? values.ToString() : tag.DefaultValue;
            if (value is not null) yield return new(tag.Name, value);
        }
    }
}
