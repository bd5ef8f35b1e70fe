namespace Switchboard.Telemetry.Expressions;

/// <summary>
/// Why an evaluation produced an error value. Errors are values, not exceptions (cel-spec "Runtime Errors"), so
/// <c>false &amp;&amp; error</c> can still be <c>false</c> and evaluation never throws on bad data.
/// </summary>
public enum EvaluationError
{
    /// <summary>The value was never set (<c>default(Value)</c>).</summary>
    Unset,
    NoSuchAttribute,
    NoSuchKey,
    NoMatchingOverload,
    DivisionByZero,
    Overflow,
    InvalidArgument,
    IndexOutOfRange,
    DuplicateKey,
    RegexTimeout,
}
