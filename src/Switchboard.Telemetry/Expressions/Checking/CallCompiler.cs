using System.Collections.Frozen;
using Switchboard.Telemetry.Expressions.Evaluation;
using Switchboard.Telemetry.Expressions.Syntax;

namespace Switchboard.Telemetry.Expressions.Checking;

/// <summary>
/// The function subset: the <c>has()</c> macro, <c>size</c>, the type conversions, and the string functions
/// <c>startsWith</c>, <c>endsWith</c>, <c>contains</c>, <c>matches</c> (cel-spec langdef.md). Comprehension macros
/// and extension libraries are not supported and say so.
/// </summary>
internal sealed class CallCompiler(Compiler compiler, AttributeCompiler attributes)
{
    private static readonly FrozenSet<string> Macros = new[] { "all", "exists", "exists_one", "map", "filter" }.ToFrozenSet(StringComparer.Ordinal);

    public Typed Compile(CallExpr call)
    {
        var global = call.Target is null;
        switch (call.Function)
        {
            case "has" when global:
                return Has(call);
            case "size" when global ? call.Args.Length == 1 : call.Args.Length == 0:
                return Unary(call, global ? call.Args[0] : call.Target!, TextFunctions.Size, CelType.Int, CelType.String, CelType.List, CelType.Map);
            case "startsWith" or "endsWith" or "contains" when !global && call.Args.Length == 1:
                return StringTest(call);
            case "matches" when global ? call.Args.Length == 2 : call.Args.Length == 1:
                return Matches(call, global ? call.Args[0] : call.Target!, global ? call.Args[1] : call.Args[0]);
            case var name when global && call.Args.Length == 1 && ConversionFunctions.TryGet(name, out var conversion):
                return Conversion(call, conversion);
        }
        if (Macros.Contains(call.Function)) return compiler.Error(call.Position, ExpressionErrorCode.UnknownFunction, $"macro '{call.Function}' is not supported");
        if (call.Function is "has" or "size" or "startsWith" or "endsWith" or "contains" or "matches" || ConversionFunctions.TryGet(call.Function, out _))
        {
            return compiler.Error(call.Position, ExpressionErrorCode.WrongArguments, $"wrong arguments for '{call.Function}': {Usage(call.Function)}");
        }
        return compiler.Error(call.Position, ExpressionErrorCode.UnknownFunction, $"unknown function '{call.Function}'");
    }

    private Typed Has(CallExpr call)
    {
        if (call.Args is not [SelectExpr select])
        {
            var at = call.Args.Length > 0 ? call.Args[0].Start : call.Position;
            return compiler.Error(at, ExpressionErrorCode.WrongArguments, $"has() needs one field selection: {Usage("has")}");
        }
        return attributes.Select(select, presence: true);
    }

    private Typed Unary(CallExpr call, Expr argument, Func<Value, Value> function, CelType result, params CelType[] accepted)
    {
        var arg = compiler.Compile(argument);
        if (arg.Type != CelType.Dyn && !accepted.Contains(arg.Type)) return NoOverload(call, arg.Type);
        return Compiler.Fold(new UnaryFunctionNode(function, arg.Node), result, arg);
    }

    private Typed Conversion(CallExpr call, ConversionFunctions.Conversion conversion)
    {
        var typed = Unary(call, call.Args[0], conversion.Function, conversion.Result, conversion.Accepts);
        // timestamp('...') and duration('...') are how CEL writes those literals: a bad one is a typo, not data.
        if (call.Function is "timestamp" or "duration" && typed.Node is ConstantNode { Value.IsError: true } && call.Args[0] is LiteralExpr literal)
        {
            return compiler.Error(literal.Start, ExpressionErrorCode.InvalidLiteral, $"invalid {call.Function} {literal.Value}");
        }
        return typed;
    }

    private Typed StringTest(CallExpr call)
    {
        var target = compiler.Compile(call.Target!);
        var arg = compiler.Compile(call.Args[0]);
        if (!TypeRules.Accepts(target.Type, CelType.String) || !TypeRules.Accepts(arg.Type, CelType.String)) return NoOverload(call, target.Type, arg.Type);
        Func<Value, Value, Value> function = call.Function switch
        {
            "startsWith" => TextFunctions.StartsWith,
            "endsWith" => TextFunctions.EndsWith,
            _ => TextFunctions.Contains,
        };
        return Compiler.Fold(new BinaryFunctionNode(function, target.Node, arg.Node), CelType.Bool, target, arg);
    }

    private Typed Matches(CallExpr call, Expr textExpr, Expr patternExpr)
    {
        var text = compiler.Compile(textExpr);
        if (patternExpr is LiteralExpr { Value.Kind: ValueKind.String } literal)
        {
            if (!TypeRules.Accepts(text.Type, CelType.String)) return NoOverload(call, text.Type, CelType.String);
            if (SafeRegex.TryCreate(literal.Value.AsString, out var problem) is not { } regex)
            {
                return compiler.Error(literal.Start, ExpressionErrorCode.InvalidRegex, $"invalid regular expression: {problem}");
            }
            return Compiler.Fold(new MatchesNode(regex, text.Node), CelType.Bool, text);
        }
        var pattern = compiler.Compile(patternExpr);
        if (!TypeRules.Accepts(text.Type, CelType.String) || !TypeRules.Accepts(pattern.Type, CelType.String)) return NoOverload(call, text.Type, pattern.Type);
        return new Typed(new DynamicMatchesNode(text.Node, pattern.Node), CelType.Bool);
    }

    private Typed NoOverload(CallExpr call, params CelType[] types) =>
        compiler.Error(call.Position, ExpressionErrorCode.TypeMismatch,
            $"no matching overload for '{call.Function}' applied to ({string.Join(", ", types.Select(TypeRules.Name))})");

    private static string Usage(string function) => function switch
    {
        "has" => "has(request.useragent)",
        "size" => "size(x) or x.size()",
        "matches" => "s.matches('re') or matches(s, 're')",
        "startsWith" or "endsWith" or "contains" => $"call it on a string, e.g. request.path.{function}('x')",
        _ => $"{function}(x)",
    };
}
