namespace Switchboard.Model;

/// <summary>Label-selector matching: every selector pair must be among the labels (an empty selector matches all).</summary>
public static class Selector
{
    public static bool Matches(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value) return false;
        }
        return true;
    }

    /// <summary><c>app=payments,version=v2</c>, sorted, for messages.</summary>
    public static string Format(IReadOnlyDictionary<string, string> selector) =>
        string.Join(",", selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
