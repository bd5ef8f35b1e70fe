using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Request/response header operations of a route or route destination.</summary>
internal static class HeaderOperationChecks
{
    /// <summary>Checks names and values; the authority may be set in only one place (here or <c>rewrite.authority</c>) [VAL].</summary>
    public static void Validate(ValidationContext context, string path, Headers? headers, string? rewriteAuthority)
    {
        if (headers is null) return;
        if (headers.Request is { } request)
        {
            var authoritySets = string.IsNullOrEmpty(rewriteAuthority) ? 0 : 1;
            foreach (var (op, map) in new[] { ("set", request.Set), ("add", request.Add) })
            {
                foreach (var (name, value) in map)
                {
                    var entryPath = $"{path}.request.{op}[{name}]";
                    HeaderChecks.RequestSetName(context, entryPath, name);
                    HeaderChecks.Value(context, entryPath, value);
                    if (HeaderChecks.IsAuthority(name) && ++authoritySets > 1)
                    {
                        context.Error(entryPath, "the authority is set more than once (rewrite.authority and host/:authority headers)");
                    }
                }
            }
            for (var i = 0; i < request.Remove.Count; i++) HeaderChecks.OtherOperationName(context, $"{path}.request.remove[{i}]", request.Remove[i]);
        }
        if (headers.Response is { } response)
        {
            foreach (var (op, map) in new[] { ("set", response.Set), ("add", response.Add) })
            {
                foreach (var (name, value) in map)
                {
                    HeaderChecks.OtherOperationName(context, $"{path}.response.{op}[{name}]", name);
                    HeaderChecks.Value(context, $"{path}.response.{op}[{name}]", value);
                }
            }
            for (var i = 0; i < response.Remove.Count; i++) HeaderChecks.OtherOperationName(context, $"{path}.response.remove[{i}]", response.Remove[i]);
        }
    }
}
