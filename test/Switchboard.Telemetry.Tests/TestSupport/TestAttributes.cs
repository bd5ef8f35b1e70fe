using Switchboard.Telemetry.Expressions;

namespace Switchboard.Telemetry.Tests.TestSupport;

/// <summary>
/// A dictionary-backed <see cref="IAttributeSource"/>: scalars by dotted path, headers stored lower-cased as the proxy
/// will store them, and a count of lookups so tests can see what evaluation read.
/// </summary>
internal sealed class TestAttributes : IAttributeSource
{
    private readonly Dictionary<AttributeId, Value> _values = [];
    private readonly Dictionary<(AttributeMap, string), Value> _entries = [];

    public int Lookups { get; private set; }

    public static TestAttributes Empty => new();

    /// <summary>Sets <paramref name="path"/> (e.g. <c>response.code</c>) from a .NET value of the matching kind.</summary>
    public TestAttributes With(string path, object value)
    {
        Assert.True(AttributeCatalog.TryFind(path, out var id), $"no attribute {path}");
        _values[id] = value switch
        {
            Value v => v,
            bool b => Value.Bool(b),
            int i => Value.Int(i),
            long l => Value.Int(l),
            ulong u => Value.Uint(u),
            double d => Value.Double(d),
            string s => Value.String(s),
            TimeSpan t => Value.Duration(t),
            DateTimeOffset t => Value.Timestamp(t),
            _ => throw new ArgumentException($"no CEL value for {value.GetType()}"),
        };
        return this;
    }

    public TestAttributes Header(string name, string value) => Entry(AttributeMap.RequestHeaders, name.ToLowerInvariant(), Value.String(value));

    public TestAttributes ResponseHeader(string name, string value) => Entry(AttributeMap.ResponseHeaders, name.ToLowerInvariant(), Value.String(value));

    public TestAttributes Entry(AttributeMap map, string key, Value value)
    {
        _entries[(map, key)] = value;
        return this;
    }

    public bool TryGet(AttributeId id, out Value value)
    {
        Lookups++;
        return _values.TryGetValue(id, out value);
    }

    public bool TryGetEntry(AttributeMap map, string key, out Value value)
    {
        Lookups++;
        return _entries.TryGetValue((map, key), out value);
    }
}
