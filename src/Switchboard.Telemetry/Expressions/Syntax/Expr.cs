using System.Collections.Immutable;

namespace Switchboard.Telemetry.Expressions.Syntax;

/// <summary>
/// An immutable syntax tree node. <see cref="Position"/> is the 0-based offset of the token that names the node (an
/// operator, a field, a function) and is where type errors point; <see cref="Start"/> is its leftmost character.
/// </summary>
internal abstract record Expr(int Position)
{
    public abstract int Start { get; }

    /// <summary>Levels below and including this node; the parser bounds it so later passes cannot overflow the stack.</summary>
    public abstract int Height { get; }
}

/// <summary>An int, uint, double, string, bool or null literal.</summary>
internal sealed record LiteralExpr(Value Value, int Position) : Expr(Position)
{
    public override int Start => Position;

    public override int Height => 1;
}

/// <summary>A bare name such as <c>request</c>.</summary>
internal sealed record IdentExpr(string Name, int Position) : Expr(Position)
{
    public override int Start => Position;

    public override int Height => 1;
}

/// <summary><c>operand.field</c>; <see cref="Expr.Position"/> is the field name's.</summary>
internal sealed record SelectExpr(Expr Operand, string Field, int Position) : Expr(Position)
{
    public override int Start => Operand.Start;

    public override int Height { get; } = Operand.Height + 1;
}

/// <summary><c>operand[index]</c>; <see cref="Expr.Position"/> is the bracket's.</summary>
internal sealed record IndexExpr(Expr Operand, Expr Index, int Position) : Expr(Position)
{
    public override int Start => Operand.Start;

    public override int Height { get; } = Math.Max(Operand.Height, Index.Height) + 1;
}

/// <summary><c>f(args)</c>, or <c>target.f(args)</c> when <see cref="Target"/> is set.</summary>
internal sealed record CallExpr(Expr? Target, string Function, ImmutableArray<Expr> Args, int Position) : Expr(Position)
{
    public override int Start => Target?.Start ?? Position;

    public override int Height { get; } = Args.Aggregate(Target?.Height ?? 0, (h, a) => Math.Max(h, a.Height)) + 1;
}

/// <summary><c>!operand</c> or <c>-operand</c>.</summary>
internal sealed record UnaryExpr(UnaryOp Op, Expr Operand, int Position) : Expr(Position)
{
    public override int Start => Position;

    public override int Height { get; } = Operand.Height + 1;
}

/// <summary><c>left op right</c>; <see cref="Expr.Position"/> is the operator's.</summary>
internal sealed record BinaryExpr(BinaryOp Op, Expr Left, Expr Right, int Position) : Expr(Position)
{
    public override int Start => Left.Start;

    public override int Height { get; } = Math.Max(Left.Height, Right.Height) + 1;
}

/// <summary><c>condition ? then : otherwise</c>; <see cref="Expr.Position"/> is the <c>?</c>.</summary>
internal sealed record ConditionalExpr(Expr Condition, Expr Then, Expr Otherwise, int Position) : Expr(Position)
{
    public override int Start => Condition.Start;

    public override int Height { get; } = Math.Max(Condition.Height, Math.Max(Then.Height, Otherwise.Height)) + 1;
}

/// <summary><c>[a, b]</c>.</summary>
internal sealed record ListExpr(ImmutableArray<Expr> Items, int Position) : Expr(Position)
{
    public override int Start => Position;

    public override int Height { get; } = Items.Aggregate(0, (h, i) => Math.Max(h, i.Height)) + 1;
}

/// <summary><c>{k: v, ...}</c>.</summary>
internal sealed record MapExpr(ImmutableArray<(Expr Key, Expr Value)> Entries, int Position) : Expr(Position)
{
    public override int Start => Position;

    public override int Height { get; } = Entries.Aggregate(0, (h, e) => Math.Max(h, Math.Max(e.Key.Height, e.Value.Height))) + 1;
}
