using System.Text.RegularExpressions;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>A one-argument function (<c>size</c>, conversions); the delegates are static methods, cached once.</summary>
internal sealed class UnaryFunctionNode(Func<Value, Value> function, Node argument) : Node
{
    public override Value Evaluate(IAttributeSource source) => function(argument.Evaluate(source));
}

/// <summary>A two-argument function such as <c>s.startsWith(prefix)</c>; the receiver is the first argument.</summary>
internal sealed class BinaryFunctionNode(Func<Value, Value, Value> function, Node first, Node second) : Node
{
    public override Value Evaluate(IAttributeSource source)
    {
        var a = first.Evaluate(source);
        return a.IsError ? a : function(a, second.Evaluate(source));
    }
}

/// <summary><c>s.matches('re')</c> with a constant pattern, compiled once with the expression.</summary>
internal sealed class MatchesNode(Regex regex, Node text) : Node
{
    public override Value Evaluate(IAttributeSource source)
    {
        var v = text.Evaluate(source);
        if (v.Kind != ValueKind.String) return v.IsError ? v : Value.Error(EvaluationError.NoMatchingOverload);
        return SafeRegex.IsMatch(regex, (string)v.Reference!);
    }
}

/// <summary>
/// <c>s.matches(p)</c> with a pattern computed per request. The last pattern's regex is kept (swapped atomically), so
/// a pattern read from the same attribute on every request is compiled once, not per request.
/// </summary>
internal sealed class DynamicMatchesNode(Node text, Node pattern) : Node
{
    private Tuple<string, Regex?>? _last;

    public override Value Evaluate(IAttributeSource source)
    {
        var v = text.Evaluate(source);
        if (v.IsError) return v;
        var p = pattern.Evaluate(source);
        if (!TextFunctions.Strings(v, p, out var input, out var patternText, out var error)) return error;
        var last = Volatile.Read(ref _last);
        if (last is null || !string.Equals(last.Item1, patternText, StringComparison.Ordinal))
        {
            last = Tuple.Create(patternText, SafeRegex.TryCreate(patternText, out _));
            Volatile.Write(ref _last, last);
        }
        return last.Item2 is { } regex ? SafeRegex.IsMatch(regex, input) : Value.Error(EvaluationError.InvalidArgument);
    }
}
