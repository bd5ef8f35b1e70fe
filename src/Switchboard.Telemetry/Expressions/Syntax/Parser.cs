using System.Collections.Immutable;

namespace Switchboard.Telemetry.Expressions.Syntax;

/// <summary>
/// Recursive-descent parser for CEL's grammar (cel-spec syntax.md), loosest binding first:
/// <code>
/// Expr     = Or ["?" Or ":" Expr]          Relation = Add {("&lt;"|"&lt;="|"&gt;="|"&gt;"|"=="|"!="|"in") Add}
/// Or       = And {"||" And}                Add      = Mul {("+"|"-") Mul}
/// And      = Relation {"&amp;&amp;" Relation}      Mul      = Unary {("*"|"/"|"%") Unary}
/// Unary    = Member | "!"+ Member | "-"+ Member
/// Member   = Primary {"." Ident ["(" Args ")"] | "[" Expr "]"}
/// Primary  = ["."] Ident ["(" Args ")"] | "(" Expr ")" | "[" List "]" | "{" Map "}" | Literal
/// </code>
/// Every recursion passes through <see cref="ParseExpression"/>, which bounds it; the tree's height is bounded too.
/// </summary>
internal sealed class Parser
{
    private readonly string _text;
    private readonly Lexer _lexer;
    private Token _token;
    private int _depth;

    private Parser(string text)
    {
        _text = text;
        _lexer = new Lexer(text);
        _token = _lexer.Next();
    }

    /// <summary>Parses a whole expression; throws <see cref="ExpressionException"/> and nothing else.</summary>
    public static Expr Parse(string text)
    {
        if (text.Length > ExpressionLimits.MaxLength)
        {
            throw SyntaxError.At(text, ExpressionLimits.MaxLength, $"expression is longer than {ExpressionLimits.MaxLength} characters", ExpressionErrorCode.TooLong);
        }
        var parser = new Parser(text);
        if (parser._token.Kind == TokenKind.End) throw SyntaxError.At(text, 0, "expression is empty");
        var expr = parser.ParseExpression();
        if (parser._token.Kind != TokenKind.End) throw parser.Unexpected();
        return expr;
    }

    private Expr ParseExpression()
    {
        if (++_depth > ExpressionLimits.MaxDepth) throw TooDeep(_token.Start);
        var condition = ParseLogical(BinaryOp.Or);
        if (_token.Kind == TokenKind.Question)
        {
            var question = Take().Start;
            var then = ParseLogical(BinaryOp.Or);
            Expect(TokenKind.Colon);
            var otherwise = ParseExpression();
            condition = Bounded(new ConditionalExpr(condition, then, otherwise, question));
        }
        _depth--;
        return condition;
    }

    /// <summary>
    /// A chain of <c>||</c> (or <c>&amp;&amp;</c>) built as a balanced tree: the operators are associative and
    /// commutative in CEL, and a balanced tree keeps a long chain of conditions shallow.
    /// </summary>
    private Expr ParseLogical(BinaryOp op)
    {
        var operand = op == BinaryOp.Or ? (Func<Expr>)(() => ParseLogical(BinaryOp.And)) : ParseRelation;
        var operatorKind = op == BinaryOp.Or ? TokenKind.PipePipe : TokenKind.AmpersandAmpersand;
        var operands = new List<Expr> { operand() };
        var positions = new List<int>();
        while (_token.Kind == operatorKind)
        {
            positions.Add(Take().Start);
            operands.Add(operand());
        }
        return Balance(op, operands, positions, 0, operands.Count);
    }

    private Expr Balance(BinaryOp op, List<Expr> operands, List<int> positions, int from, int to)
    {
        if (to - from == 1) return operands[from];
        var middle = (from + to) / 2;
        return Bounded(new BinaryExpr(op, Balance(op, operands, positions, from, middle), Balance(op, operands, positions, middle, to), positions[middle - 1]));
    }

    private Expr ParseRelation()
    {
        var left = ParseAdditive();
        while (RelationOf(_token.Kind) is { } op)
        {
            var position = Take().Start;
            left = Bounded(new BinaryExpr(op, left, ParseAdditive(), position));
        }
        return left;
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (_token.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = _token.Kind == TokenKind.Plus ? BinaryOp.Add : BinaryOp.Subtract;
            var position = Take().Start;
            left = Bounded(new BinaryExpr(op, left, ParseMultiplicative(), position));
        }
        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (_token.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = _token.Kind switch { TokenKind.Star => BinaryOp.Multiply, TokenKind.Slash => BinaryOp.Divide, _ => BinaryOp.Modulo };
            var position = Take().Start;
            left = Bounded(new BinaryExpr(op, left, ParseUnary(), position));
        }
        return left;
    }

    /// <summary>
    /// Runs of <c>!</c> or <c>-</c> collapse by parity, as in the reference parser (<c>!!x</c> is <c>x</c>), so a
    /// long run neither recurses nor deepens the tree. A minus directly before a number is part of the literal,
    /// which is how <c>-9223372036854775808</c> is an int.
    /// </summary>
    private Expr ParseUnary()
    {
        if (_token.Kind is not (TokenKind.Bang or TokenKind.Minus)) return ParseMember(ParsePrimary());
        var kind = _token.Kind;
        var position = _token.Start;
        var last = position;
        var count = 0;
        while (_token.Kind == kind)
        {
            last = Take().Start;
            count++;
        }
        if (kind == TokenKind.Minus && _token.Kind is TokenKind.Int or TokenKind.Double)
        {
            count--;
            var literal = ParseMember(NumberLiteral(negative: true, last));
            return count % 2 == 0 ? literal : Bounded(new UnaryExpr(UnaryOp.Negate, literal, position));
        }
        var operand = ParseMember(ParsePrimary());
        return count % 2 == 0 ? operand : Bounded(new UnaryExpr(kind == TokenKind.Bang ? UnaryOp.Not : UnaryOp.Negate, operand, position));
    }

    private Expr ParseMember(Expr operand)
    {
        while (true)
        {
            if (_token.Kind == TokenKind.Dot)
            {
                Take();
                var name = ExpectIdentifier();
                operand = _token.Kind == TokenKind.LeftParen
                    ? Bounded(new CallExpr(operand, name.Text, ParseArguments(), name.Start))
                    : Bounded(new SelectExpr(operand, name.Text, name.Start));
            }
            else if (_token.Kind == TokenKind.LeftBracket)
            {
                var bracket = Take().Start;
                var index = ParseExpression();
                Expect(TokenKind.RightBracket);
                operand = Bounded(new IndexExpr(operand, index, bracket));
            }
            else return operand;
        }
    }

    private Expr ParsePrimary()
    {
        switch (_token.Kind)
        {
            case TokenKind.Dot:
                Take();
                return Identifier(ExpectIdentifier());
            case TokenKind.Identifier:
                return Identifier(Take());
            case TokenKind.LeftParen:
                Take();
                var inner = ParseExpression();
                Expect(TokenKind.RightParen);
                return inner;
            case TokenKind.LeftBracket:
                return ParseList();
            case TokenKind.LeftBrace:
                return ParseMap();
            case TokenKind.Int or TokenKind.Double:
                return NumberLiteral(negative: false, _token.Start);
            case TokenKind.Uint:
                return new LiteralExpr(Value.Uint(_token.Integer), Take().Start);
            case TokenKind.String:
                return new LiteralExpr(Value.String(_token.Text), Take().Start);
            case TokenKind.True or TokenKind.False:
                return new LiteralExpr(Value.Bool(_token.Kind == TokenKind.True), Take().Start);
            case TokenKind.Null:
                return new LiteralExpr(Value.Null, Take().Start);
            default:
                throw Unexpected();
        }
    }

    private Expr Identifier(Token name) =>
        _token.Kind == TokenKind.LeftParen ? Bounded(new CallExpr(null, name.Text, ParseArguments(), name.Start)) : new IdentExpr(name.Text, name.Start);

    private Expr NumberLiteral(bool negative, int position)
    {
        var token = Take();
        if (token.Kind == TokenKind.Double) return new LiteralExpr(Value.Double(negative ? -token.Real : token.Real), position);
        if (token.Integer > long.MaxValue && !negative)
        {
            throw SyntaxError.At(_text, token.Start, "int literal out of range", ExpressionErrorCode.InvalidLiteral);
        }
        var value = negative ? unchecked(-(long)token.Integer) : (long)token.Integer;
        return new LiteralExpr(Value.Int(value), position);
    }

    private ImmutableArray<Expr> ParseArguments()
    {
        Expect(TokenKind.LeftParen);
        return ParseSequence(TokenKind.RightParen, ParseExpression);
    }

    private Expr ParseList()
    {
        var bracket = Take().Start;
        return Bounded(new ListExpr(ParseSequence(TokenKind.RightBracket, ParseExpression), bracket));
    }

    private Expr ParseMap()
    {
        var brace = Take().Start;
        var entries = ParseSequence(TokenKind.RightBrace, () =>
        {
            var key = ParseExpression();
            Expect(TokenKind.Colon);
            return (key, ParseExpression());
        });
        return Bounded(new MapExpr(entries, brace));
    }

    /// <summary>Comma-separated items up to <paramref name="close"/>; a trailing comma is allowed, as in CEL.</summary>
    private ImmutableArray<T> ParseSequence<T>(TokenKind close, Func<T> item)
    {
        var items = ImmutableArray.CreateBuilder<T>();
        while (_token.Kind != close)
        {
            items.Add(item());
            if (_token.Kind != TokenKind.Comma) break;
            Take();
        }
        Expect(close);
        return items.ToImmutable();
    }

    private static BinaryOp? RelationOf(TokenKind kind) => kind switch
    {
        TokenKind.Less => BinaryOp.Less,
        TokenKind.LessEqual => BinaryOp.LessEqual,
        TokenKind.Greater => BinaryOp.Greater,
        TokenKind.GreaterEqual => BinaryOp.GreaterEqual,
        TokenKind.EqualEqual => BinaryOp.Equal,
        TokenKind.BangEqual => BinaryOp.NotEqual,
        TokenKind.In => BinaryOp.In,
        _ => null,
    };

    private Expr Bounded(Expr expr) => expr.Height > ExpressionLimits.MaxDepth ? throw TooDeep(expr.Position) : expr;

    private Token Take()
    {
        var token = _token;
        _token = _lexer.Next();
        return token;
    }

    private void Expect(TokenKind kind)
    {
        if (_token.Kind != kind) throw Unexpected(kind);
        Take();
    }

    private Token ExpectIdentifier() => _token.Kind == TokenKind.Identifier ? Take() : throw Unexpected(TokenKind.Identifier);

    private ExpressionException Unexpected(TokenKind? expected = null)
    {
        var found = _token.Kind == TokenKind.End ? "unexpected end of expression" : $"unexpected token {_token.Display(_text)}";
        var wanted = expected switch
        {
            null => "",
            TokenKind.Identifier => ", expected a name",
            TokenKind.RightParen => ", expected ')'",
            TokenKind.RightBracket => ", expected ']'",
            TokenKind.RightBrace => ", expected '}'",
            TokenKind.Colon => ", expected ':'",
            TokenKind.LeftParen => ", expected '('",
            _ => "",
        };
        return SyntaxError.At(_text, _token.Start, found + wanted);
    }

    private ExpressionException TooDeep(int offset) =>
        SyntaxError.At(_text, offset, $"expression nests deeper than {ExpressionLimits.MaxDepth} levels", ExpressionErrorCode.TooDeep);
}
