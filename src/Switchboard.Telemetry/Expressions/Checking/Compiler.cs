using System.Collections.Immutable;
using Switchboard.Telemetry.Expressions.Evaluation;
using Switchboard.Telemetry.Expressions.Syntax;

namespace Switchboard.Telemetry.Expressions.Checking;

/// <summary>
/// Checks a syntax tree against the attribute vocabulary and the function subset and compiles it to evaluation
/// nodes in the same walk:
/// 1. names resolve to <see cref="AttributeId"/>s and map lookups (<see cref="AttributeCompiler"/>);
/// 2. calls resolve to the supported functions (<see cref="CallCompiler"/>);
/// 3. operators are checked against <see cref="TypeRules"/>;
/// 4. subtrees that read no attribute are evaluated once, here (constant folding).
/// Every problem is collected with its position; a subtree with an error becomes <see cref="CelType.Dyn"/> so one
/// mistake is not reported again by every operator above it.
/// </summary>
internal sealed class Compiler
{
    private static readonly Node Broken = new ConstantNode(Value.Error(EvaluationError.Unset));
    private readonly List<ExpressionError> _errors = [];
    private readonly AttributeCompiler _attributes;
    private readonly CallCompiler _calls;

    private Compiler(string text)
    {
        Text = text;
        _attributes = new AttributeCompiler(this);
        _calls = new CallCompiler(this, _attributes);
    }

    public string Text { get; }

    public static (Typed Result, IReadOnlyList<ExpressionError> Errors) Compile(Expr expr, string text)
    {
        var compiler = new Compiler(text);
        var result = compiler.Compile(expr);
        return (result, compiler._errors);
    }

    public Typed Compile(Expr expr) => expr switch
    {
        LiteralExpr literal => Constant(literal.Value),
        IdentExpr ident => _attributes.Name(ident),
        SelectExpr select => _attributes.Select(select, presence: false),
        IndexExpr index => _attributes.Index(index),
        CallExpr call => _calls.Compile(call),
        UnaryExpr unary => Unary(unary),
        BinaryExpr binary => Binary(binary),
        ConditionalExpr conditional => Conditional(conditional),
        ListExpr list => List(list),
        MapExpr map => Map(map),
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    /// <summary>Records an error and returns a placeholder that type-checks as anything.</summary>
    public Typed Error(int offset, ExpressionErrorCode code, string message)
    {
        _errors.Add(ExpressionError.At(Text, offset, code, message));
        return new Typed(Broken, CelType.Dyn);
    }

    /// <summary>The node, or its value when every input is a constant (evaluating it cannot read an attribute).</summary>
    public static Typed Fold(Node node, CelType type, params ReadOnlySpan<Typed> inputs)
    {
        foreach (var input in inputs)
        {
            if (!input.IsConstant) return new Typed(node, type);
        }
        return new Typed(new ConstantNode(node.Evaluate(NoAttributes.Instance)), type);
    }

    public static Typed Constant(Value value) => new(new ConstantNode(value), TypeOf(value));

    private Typed Unary(UnaryExpr unary)
    {
        var operand = Compile(unary.Operand);
        if (TypeRules.Unary(unary.Op, operand.Type) is not { } type)
        {
            return Error(unary.Position, ExpressionErrorCode.TypeMismatch,
                $"no matching overload for '{OperatorText.Of(unary.Op)}' applied to ({TypeRules.Name(operand.Type)})");
        }
        Node node = unary.Op == UnaryOp.Not ? new NotNode(operand.Node) : new NegateNode(operand.Node);
        return Fold(node, type, operand);
    }

    private Typed Binary(BinaryExpr binary)
    {
        if (binary.Op == BinaryOp.In && _attributes.TryMapPath(binary.Right, out var map)) return _attributes.Contains(binary.Left, map);
        var left = Compile(binary.Left);
        var right = Compile(binary.Right);
        if (TypeRules.Binary(binary.Op, left.Type, right.Type) is not { } type)
        {
            return Error(binary.Position, ExpressionErrorCode.TypeMismatch,
                $"no matching overload for '{OperatorText.Of(binary.Op)}' applied to ({TypeRules.Name(left.Type)}, {TypeRules.Name(right.Type)})");
        }
        Node node = binary.Op switch
        {
            BinaryOp.And => new AndNode(left.Node, right.Node),
            BinaryOp.Or => new OrNode(left.Node, right.Node),
            _ => new BinaryNode(binary.Op, left.Node, right.Node),
        };
        return Fold(node, type, left, right);
    }

    private Typed Conditional(ConditionalExpr conditional)
    {
        var condition = Compile(conditional.Condition);
        var then = Compile(conditional.Then);
        var otherwise = Compile(conditional.Otherwise);
        if (!TypeRules.Accepts(condition.Type, CelType.Bool))
        {
            return Error(conditional.Position, ExpressionErrorCode.TypeMismatch, $"the condition of '?:' must be bool, not {TypeRules.Name(condition.Type)}");
        }
        var type = then.Type == otherwise.Type ? then.Type : CelType.Dyn;
        if (condition.IsConstant && condition.Node.Evaluate(NoAttributes.Instance) is { Kind: ValueKind.Bool } c) return c.IsTrue ? then : otherwise;
        return Fold(new ConditionalNode(condition.Node, then.Node, otherwise.Node), type, condition, then, otherwise);
    }

    private Typed List(ListExpr list)
    {
        var items = list.Items.Select(Compile).ToImmutableArray();
        return Fold(new ListNode(items.Select(i => i.Node).ToImmutableArray()), CelType.List, items.AsSpan());
    }

    private Typed Map(MapExpr map)
    {
        var entries = map.Entries.Select(e => (Key: Compile(e.Key), Value: Compile(e.Value))).ToImmutableArray();
        foreach (var (entry, key) in map.Entries.Zip(entries, (e, c) => (e, c.Key)))
        {
            if (key.Type is not (CelType.Int or CelType.Uint or CelType.Bool or CelType.String or CelType.Dyn))
            {
                Error(entry.Key.Start, ExpressionErrorCode.TypeMismatch, $"map keys must be int, uint, bool or string, not {TypeRules.Name(key.Type)}");
            }
        }
        var node = new MapNode(entries.Select(e => (e.Key.Node, e.Value.Node)).ToImmutableArray());
        return Fold(node, CelType.Map, entries.SelectMany(e => new[] { e.Key, e.Value }).ToArray());
    }

    private static CelType TypeOf(Value value) => value.Kind switch
    {
        ValueKind.Null => CelType.Null,
        ValueKind.Bool => CelType.Bool,
        ValueKind.Int => CelType.Int,
        ValueKind.Uint => CelType.Uint,
        ValueKind.Double => CelType.Double,
        ValueKind.String => CelType.String,
        ValueKind.Timestamp => CelType.Timestamp,
        ValueKind.Duration => CelType.Duration,
        ValueKind.List => CelType.List,
        ValueKind.Map => CelType.Map,
        _ => CelType.Dyn,
    };

    /// <summary>The source constant folding evaluates against: folded subtrees never ask it for anything.</summary>
    private sealed class NoAttributes : IAttributeSource
    {
        public static readonly NoAttributes Instance = new();

        public bool TryGet(AttributeId id, out Value value)
        {
            value = default;
            return false;
        }

        public bool TryGetEntry(AttributeMap map, string key, out Value value)
        {
            value = default;
            return false;
        }
    }
}
