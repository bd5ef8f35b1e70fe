using System.Diagnostics.CodeAnalysis;
using Switchboard.Telemetry.Expressions.Checking;
using Switchboard.Telemetry.Expressions.Evaluation;
using Switchboard.Telemetry.Expressions.Syntax;

namespace Switchboard.Telemetry.Expressions;

/// <summary>
/// A checked, compiled CEL expression over Envoy's attributes, as Istio's Telemetry API uses them: access-log
/// <c>filter.expression</c> and metric <c>tagOverrides[].value</c>. Parse once (at config time: analysis, or the
/// proxy applying a config), then evaluate per request from any thread.
/// <code>
/// text → Lexer/Parser (syntax, depth and length limits) → Compiler (attributes, functions, types; constant folding)
///      → tree of Nodes → Evaluate(IAttributeSource) per request
/// </code>
/// </summary>
public sealed class CelExpression
{
    private readonly Node _root;

    private CelExpression(string text, Node root, CelType resultType)
    {
        Text = text;
        _root = root;
        ResultType = resultType;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>The type the checker inferred; <see cref="CelType.Dyn"/> when only the request can tell.</summary>
    public CelType ResultType { get; }

    /// <summary>Parses and checks; throws <see cref="ExpressionException"/> (and nothing else) if the text is invalid.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="expected">The type the caller needs, e.g. <see cref="CelType.Bool"/> for a filter; Dyn for any.</param>
    public static CelExpression Parse(string? text, CelType expected = CelType.Dyn) =>
        TryParse(text, expected, out var expression, out var errors) ? expression : throw new ExpressionException(errors);

    /// <summary>Parses and checks, returning every problem found instead of throwing (for analyzers).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CelExpression? expression, out IReadOnlyList<ExpressionError> errors) =>
        TryParse(text, CelType.Dyn, out expression, out errors);

    /// <inheritdoc cref="TryParse(string?, out CelExpression?, out IReadOnlyList{ExpressionError})"/>
    public static bool TryParse(string? text, CelType expected, [NotNullWhen(true)] out CelExpression? expression, out IReadOnlyList<ExpressionError> errors)
    {
        text ??= "";
        expression = null;
        Expr syntax;
        try
        {
            syntax = Parser.Parse(text);
        }
        catch (ExpressionException e)
        {
            errors = e.Errors;
            return false;
        }
        var (result, found) = Compiler.Compile(syntax, text);
        var all = found.ToList();
        if (all.Count == 0 && !TypeRules.Accepts(result.Type, expected))
        {
            all.Add(ExpressionError.At(text, syntax.Start, ExpressionErrorCode.ResultType,
                $"the expression must produce {TypeRules.Name(expected)}, but produces {TypeRules.Name(result.Type)}"));
        }
        errors = all;
        if (all.Count > 0) return false;
        expression = new CelExpression(text, result.Node, result.Type);
        return true;
    }

    /// <summary>The result, which may be an error value (<see cref="Value.IsError"/>); never throws on request data.</summary>
    public Value Evaluate(IAttributeSource source) => _root.Evaluate(source);

    /// <summary>
    /// The result as an access-log filter reads it: true only for the bool <c>true</c>. An error (a missing
    /// attribute, a type error at run time) or a non-bool is false, so the entry is not logged — the safe reading
    /// for a filter, and Envoy's.
    /// </summary>
    public bool EvaluateBool(IAttributeSource source) => _root.Evaluate(source).IsTrue;

    /// <summary>
    /// The result as a metric label: strings as they are, other scalars as CEL's <c>string()</c> prints them
    /// (<c>8080</c>, <c>true</c>, <c>1.5s</c>); an error, null, list or map gives <paramref name="fallback"/>.
    /// </summary>
    public string EvaluateString(IAttributeSource source, string fallback = "unknown")
    {
        var value = _root.Evaluate(source);
        return Formatting.ToCelString(value) ?? fallback;
    }

    public override string ToString() => Text;
}
