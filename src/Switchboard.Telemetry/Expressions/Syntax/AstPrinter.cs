using System.Text;

namespace Switchboard.Telemetry.Expressions.Syntax;

/// <summary>
/// Prints a tree back as CEL with every binary and conditional operator parenthesized, so tests can state
/// precedence and associativity as text: <c>a + b * c</c> prints as <c>(a + (b * c))</c>.
/// </summary>
internal static class AstPrinter
{
    public static string Print(Expr expr)
    {
        var builder = new StringBuilder();
        Append(builder, expr);
        return builder.ToString();
    }

    private static void Append(StringBuilder b, Expr expr)
    {
        switch (expr)
        {
            case LiteralExpr literal:
                b.Append(literal.Value.ToString());
                break;
            case IdentExpr ident:
                b.Append(ident.Name);
                break;
            case SelectExpr select:
                Append(b, select.Operand);
                b.Append('.').Append(select.Field);
                break;
            case IndexExpr index:
                Append(b, index.Operand);
                b.Append('[');
                Append(b, index.Index);
                b.Append(']');
                break;
            case CallExpr call:
                if (call.Target is not null)
                {
                    Append(b, call.Target);
                    b.Append('.');
                }
                b.Append(call.Function).Append('(');
                AppendAll(b, call.Args, Append);
                b.Append(')');
                break;
            case UnaryExpr unary:
                b.Append(OperatorText.Of(unary.Op));
                Append(b, unary.Operand);
                break;
            case BinaryExpr binary:
                b.Append('(');
                Append(b, binary.Left);
                b.Append(' ').Append(OperatorText.Of(binary.Op)).Append(' ');
                Append(b, binary.Right);
                b.Append(')');
                break;
            case ConditionalExpr conditional:
                b.Append('(');
                Append(b, conditional.Condition);
                b.Append(" ? ");
                Append(b, conditional.Then);
                b.Append(" : ");
                Append(b, conditional.Otherwise);
                b.Append(')');
                break;
            case ListExpr list:
                b.Append('[');
                AppendAll(b, list.Items, Append);
                b.Append(']');
                break;
            case MapExpr map:
                b.Append('{');
                AppendAll(b, map.Entries, (sb, entry) =>
                {
                    Append(sb, entry.Key);
                    sb.Append(": ");
                    Append(sb, entry.Value);
                });
                b.Append('}');
                break;
        }
    }

    private static void AppendAll<T>(StringBuilder b, IEnumerable<T> items, Action<StringBuilder, T> append)
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first) b.Append(", ");
            first = false;
            append(b, item);
        }
    }
}
