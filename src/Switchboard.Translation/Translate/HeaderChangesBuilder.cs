using Switchboard.Config.Networking;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>Header operations of a route or destination, and the authority they ask for.</summary>
internal sealed record HeaderOperationsResult(HeaderChanges Request, HeaderChanges Response, string? Authority);

/// <summary>
/// Compiles <c>headers.request</c>/<c>headers.response</c> set/add/remove. As in Istio, setting <c>host</c> or
/// <c>:authority</c> on the request is an authority rewrite (a <c>set</c> beats an <c>add</c>), and pseudo-headers
/// and <c>host</c> are never touched as plain headers. Operations are sorted by name so output is stable.
/// </summary>
internal static class HeaderChangesBuilder
{
    public static HeaderOperationsResult From(Headers? headers)
    {
        if (headers is null) return new HeaderOperationsResult(HeaderChanges.None, HeaderChanges.None, null);
        var request = headers.Request;
        var authority = AuthorityIn(request?.Set) ?? AuthorityIn(request?.Add);
        return new HeaderOperationsResult(Changes(request), Changes(headers.Response), authority);
    }

    private static HeaderChanges Changes(HeaderOperations? operations)
    {
        if (operations is null) return HeaderChanges.None;
        var changes = new HeaderChanges
        {
            Set = Plain(operations.Set),
            Add = Plain(operations.Add),
            Remove = operations.Remove.Where(h => !IsInternal(h)).ToList(),
        };
        return changes.IsEmpty ? HeaderChanges.None : changes;
    }

    private static List<KeyValuePair<string, string>> Plain(IReadOnlyDictionary<string, string> headers) =>
        headers.Where(h => !IsInternal(h.Key)).OrderBy(h => h.Key, StringComparer.Ordinal).ToList();

    private static string? AuthorityIn(IReadOnlyDictionary<string, string>? headers) =>
        headers?.Where(h => IsAuthority(h.Key)).Select(h => h.Value).LastOrDefault();

    private static bool IsInternal(string name) => name.StartsWith(':') || name.Equals("host", StringComparison.OrdinalIgnoreCase);

    private static bool IsAuthority(string name) => name.Equals(":authority", StringComparison.OrdinalIgnoreCase) || name.Equals("host", StringComparison.OrdinalIgnoreCase);
}
