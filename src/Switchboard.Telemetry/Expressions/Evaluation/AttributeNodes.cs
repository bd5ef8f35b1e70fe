namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>A scalar attribute; absent is the <see cref="EvaluationError.NoSuchAttribute"/> error.</summary>
internal sealed class AttributeNode(AttributeId id) : Node
{
    public override Value Evaluate(IAttributeSource source) =>
        source.TryGet(id, out var value) ? value : Value.Error(EvaluationError.NoSuchAttribute);
}

/// <summary><c>has(request.useragent)</c>: whether the source has the attribute.</summary>
internal sealed class PresenceNode(AttributeId id) : Node
{
    public override Value Evaluate(IAttributeSource source) => Value.Bool(source.TryGet(id, out _));
}

/// <summary>
/// <c>request.headers['x-user']</c> with a constant key, lower-cased at compile time for header maps. With
/// <paramref name="presence"/> it is <c>'x-user' in request.headers</c> or <c>has(request.headers.x)</c> instead.
/// </summary>
internal sealed class EntryNode(AttributeMap map, string key, bool presence) : Node
{
    public override Value Evaluate(IAttributeSource source)
    {
        var found = source.TryGetEntry(map, key, out var value);
        return presence ? Value.Bool(found) : found ? value : Value.Error(EvaluationError.NoSuchKey);
    }
}

/// <summary>An attribute-map lookup whose key is computed per request; header keys are lower-cased then.</summary>
internal sealed class DynamicEntryNode(AttributeMap map, Node key, bool presence) : Node
{
    private readonly bool _lowerCase = AttributeCatalog.IsHeaderMap(map);

    public override Value Evaluate(IAttributeSource source)
    {
        var k = key.Evaluate(source);
        if (k.IsError) return k;
        if (k.Kind != ValueKind.String) return Value.Error(EvaluationError.NoMatchingOverload);
        var name = (string)k.Reference!;
        // ToLowerInvariant returns the same instance when nothing changes, so lower-case keys do not allocate.
        var found = source.TryGetEntry(map, _lowerCase ? name.ToLowerInvariant() : name, out var value);
        return presence ? Value.Bool(found) : found ? value : Value.Error(EvaluationError.NoSuchKey);
    }
}
