namespace Switchboard.Telemetry.Expressions;

/// <summary>What is wrong with an expression; analyzers and tests key on this, not on the message text.</summary>
public enum ExpressionErrorCode
{
    /// <summary>Not CEL grammar: unexpected token or character, unterminated string, empty expression.</summary>
    Syntax,

    /// <summary>Longer than <see cref="ExpressionLimits.MaxLength"/>.</summary>
    TooLong,

    /// <summary>Nested deeper than <see cref="ExpressionLimits.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>A literal CEL defines but cannot hold the value (integer out of range, bad escape), or bytes.</summary>
    InvalidLiteral,

    /// <summary>A name that is not an Envoy attribute, e.g. <c>request.foo</c> or <c>req.path</c>.</summary>
    UnknownAttribute,

    /// <summary>An Envoy attribute Switchboard cannot provide (protobuf messages such as <c>xds.node</c>).</summary>
    UnsupportedAttribute,

    /// <summary>A function or macro outside the supported subset.</summary>
    UnknownFunction,

    /// <summary>A known function called with the wrong number or shape of arguments.</summary>
    WrongArguments,

    /// <summary>No overload for the operand types the checker can see, e.g. <c>response.code + 'x'</c>.</summary>
    TypeMismatch,

    /// <summary>A <c>matches</c> pattern that does not compile.</summary>
    InvalidRegex,

    /// <summary>The expression's type cannot be what the caller needs (an access-log filter must be bool).</summary>
    ResultType,
}
