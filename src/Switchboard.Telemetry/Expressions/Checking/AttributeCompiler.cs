using Switchboard.Telemetry.Expressions.Evaluation;
using Switchboard.Telemetry.Expressions.Syntax;

namespace Switchboard.Telemetry.Expressions.Checking;

/// <summary>
/// Resolves names to attributes at compile time, so evaluation does no string work:
/// <c>response.code</c> becomes <see cref="AttributeId.ResponseCode"/>, <c>request.headers['X-User']</c> a lookup
/// of the constant key <c>x-user</c> in <see cref="AttributeMap.RequestHeaders"/>, and <c>has(...)</c> or
/// <c>'k' in request.headers</c> a presence test. Anything else under a known root is an error at its position.
/// </summary>
internal sealed class AttributeCompiler(Compiler compiler)
{
    /// <summary>A bare identifier: never a value on its own, since every attribute has a dotted path.</summary>
    public Typed Name(IdentExpr ident) => Unresolved(ident.Name, ident.Start);

    /// <summary><c>a.b</c>, or <c>has(a.b)</c> with <paramref name="presence"/>.</summary>
    public Typed Select(SelectExpr select, bool presence)
    {
        if (Path(select) is { } path)
        {
            if (AttributeCatalog.TryFind(path, out var id))
            {
                return presence ? new Typed(new PresenceNode(id), CelType.Bool) : new Typed(new AttributeNode(id), AttributeCatalog.TypeOf(id));
            }
            if (AttributeCatalog.TryFindMap(path, out _))
            {
                return compiler.Error(select.Start, ExpressionErrorCode.UnsupportedAttribute,
                    presence ? $"has() cannot test the whole map '{path}'; test one key, e.g. has({path}.name)" : WholeMap(path));
            }
            if (TryMapPath(select.Operand, out var map)) return Entry(map, select.Field, presence);
            if (!IsValuePath(select.Operand)) return Unresolved(path, select.Start);
        }
        var operand = compiler.Compile(select.Operand);
        if (operand.Type is not (CelType.Map or CelType.Dyn))
        {
            return compiler.Error(select.Position, ExpressionErrorCode.TypeMismatch, $"type '{TypeRules.Name(operand.Type)}' has no field '{select.Field}'");
        }
        return Compiler.Fold(new FieldNode(operand.Node, select.Field, presence), presence ? CelType.Bool : CelType.Dyn, operand);
    }

    /// <summary><c>m[k]</c>: an attribute-map lookup, or indexing a list or map value.</summary>
    public Typed Index(IndexExpr index)
    {
        if (TryMapPath(index.Operand, out var map))
        {
            if (index.Index is LiteralExpr { Value.Kind: ValueKind.String } literal) return Entry(map, literal.Value.AsString, presence: false);
            var key = compiler.Compile(index.Index);
            if (!TypeRules.Accepts(key.Type, CelType.String))
            {
                return compiler.Error(index.Index.Start, ExpressionErrorCode.TypeMismatch, $"keys of '{Path(index.Operand)}' are strings, not {TypeRules.Name(key.Type)}");
            }
            return new Typed(new DynamicEntryNode(map, key.Node, presence: false), AttributeCatalog.EntryTypeOf(map));
        }
        var container = compiler.Compile(index.Operand);
        var at = compiler.Compile(index.Index);
        var fits = container.Type switch
        {
            CelType.List => at.Type is CelType.Int or CelType.Uint or CelType.Dyn,
            CelType.Map => at.Type is CelType.Int or CelType.Uint or CelType.Bool or CelType.String or CelType.Dyn,
            CelType.Dyn => true,
            _ => false,
        };
        if (!fits)
        {
            return compiler.Error(index.Position, ExpressionErrorCode.TypeMismatch,
                $"no matching overload for '[]' applied to ({TypeRules.Name(container.Type)}, {TypeRules.Name(at.Type)})");
        }
        return Compiler.Fold(new IndexNode(container.Node, at.Node), CelType.Dyn, container, at);
    }

    /// <summary><c>key in request.headers</c>.</summary>
    public Typed Contains(Expr key, AttributeMap map)
    {
        if (key is LiteralExpr { Value.Kind: ValueKind.String } literal) return Entry(map, literal.Value.AsString, presence: true);
        var k = compiler.Compile(key);
        if (!TypeRules.Accepts(k.Type, CelType.String))
        {
            return compiler.Error(key.Start, ExpressionErrorCode.TypeMismatch, $"attribute map keys are strings, not {TypeRules.Name(k.Type)}");
        }
        return new Typed(new DynamicEntryNode(map, k.Node, presence: true), CelType.Bool);
    }

    /// <summary>Whether <paramref name="expr"/> names a map attribute such as <c>request.headers</c>.</summary>
    public bool TryMapPath(Expr expr, out AttributeMap map)
    {
        map = default;
        return Path(expr) is { } path && AttributeCatalog.TryFindMap(path, out map);
    }

    private Typed Entry(AttributeMap map, string key, bool presence)
    {
        // Envoy's header maps are keyed by lower-cased name (attributes doc), so 'X-User' and 'x-user' are one header.
        var lookup = AttributeCatalog.IsHeaderMap(map) ? key.ToLowerInvariant() : key;
        return new Typed(new EntryNode(map, lookup, presence), presence ? CelType.Bool : AttributeCatalog.EntryTypeOf(map));
    }

    /// <summary>A scalar attribute or a map entry: something <c>.field</c> selects a field of, not a longer path.</summary>
    private bool IsValuePath(Expr expr) =>
        Path(expr) is { } path && (AttributeCatalog.TryFind(path, out _) || (expr is SelectExpr s && TryMapPath(s.Operand, out _)));

    private Typed Unresolved(string path, int start)
    {
        var unsupported = Prefixes(path).FirstOrDefault(AttributeCatalog.IsUnsupported);
        if (unsupported is not null)
        {
            return compiler.Error(start, ExpressionErrorCode.UnsupportedAttribute, $"attribute '{unsupported}' is not supported (Envoy gives it as a protobuf message)");
        }
        if (AttributeCatalog.TryFindMap(path, out _)) return compiler.Error(start, ExpressionErrorCode.UnsupportedAttribute, WholeMap(path));
        var root = path.Split('.')[0];
        if (path == root && AttributeCatalog.IsRoot(root))
        {
            return compiler.Error(start, ExpressionErrorCode.UnknownAttribute, $"'{root}' is not an attribute; select one of its fields, e.g. {Example(root)}");
        }
        var message = AttributeCatalog.IsRoot(root) ? $"unknown attribute '{path}'" : $"undeclared reference to '{path}'";
        return compiler.Error(start, ExpressionErrorCode.UnknownAttribute, message + Suggestions.DidYouMean(path, AttributeCatalog.Paths));
    }

    private static string WholeMap(string path) =>
        $"'{path}' can only be indexed, e.g. {path}['name'], or tested with 'in'";

    private static string Example(string root) =>
        AttributeCatalog.Paths.FirstOrDefault(p => p.StartsWith(root + ".", StringComparison.Ordinal)) ?? root + "['key']";

    private static IEnumerable<string> Prefixes(string path)
    {
        for (var dot = path.IndexOf('.'); dot > 0; dot = path.IndexOf('.', dot + 1)) yield return path[..dot];
        yield return path;
    }

    /// <summary>The dotted path of a chain of identifiers and field selections, or null for anything else.</summary>
    private static string? Path(Expr expr) => expr switch
    {
        IdentExpr ident => ident.Name,
        SelectExpr select when Path(select.Operand) is { } operand => operand + "." + select.Field,
        _ => null,
    };
}
