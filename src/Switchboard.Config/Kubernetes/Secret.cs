namespace Switchboard.Config.Kubernetes;

/// <summary>A Secret's body: <c>data</c> (base64) and <c>stringData</c> (plain), e.g. gateway TLS credentials.</summary>
public sealed record SecretBody
{
    public string? Type { get; init; }
    public IReadOnlyDictionary<string, string> Data { get; init; } = ObjectMeta.Empty;
    public IReadOnlyDictionary<string, string> StringData { get; init; } = ObjectMeta.Empty;
    public bool? Immutable { get; init; }

    /// <summary>The decoded value of <paramref name="key"/> from stringData or data; null when absent or not base64.</summary>
    public byte[]? Get(string key)
    {
        if (StringData.TryGetValue(key, out var plain)) return System.Text.Encoding.UTF8.GetBytes(plain);
        if (!Data.TryGetValue(key, out var encoded)) return null;
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public bool Has(string key) => StringData.ContainsKey(key) || Data.ContainsKey(key);
}
