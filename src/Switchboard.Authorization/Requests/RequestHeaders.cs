namespace Switchboard.Authorization.Requests;

/// <summary>
/// Request headers as authorization sees them: names case-insensitive (RFC 9110 §5.1), every value of a repeated
/// header kept separately (CVE-2020-25017, CVE-2026-26308: RBAC matches each value, never the comma-joined list),
/// and optional whitespace around values trimmed (CVE-2019-18802) — once, when the headers are added.
/// </summary>
public sealed class RequestHeaders
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>No headers.</summary>
    public static RequestHeaders Empty { get; } = new();

    /// <summary>Headers from name/value pairs in arrival order; a repeated name adds a value.</summary>
    public static RequestHeaders From(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var result = new RequestHeaders();
        foreach (var (name, value) in headers) result.Add(name, value);
        return result;
    }

    /// <summary>Headers from <c>(name, value)</c> tuples, for tests and simple callers.</summary>
    public static RequestHeaders From(params (string Name, string Value)[] headers) =>
        From(headers.Select(h => KeyValuePair.Create(h.Name, h.Value)));

    /// <summary>Every value of <paramref name="name"/> (empty when absent).</summary>
    public IReadOnlyList<string> Get(string name) => _values.TryGetValue(name, out var values) ? values : [];

    public IEnumerable<string> Names => _values.Keys;

    private void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
        list.Add(value.Trim(' ', '\t'));
    }
}
