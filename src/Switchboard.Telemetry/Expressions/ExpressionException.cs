namespace Switchboard.Telemetry.Expressions;

/// <summary>
/// The only exception parsing throws: the expression is invalid. <see cref="Errors"/> holds every problem the checker
/// found (the parser stops at the first syntax error); the message and <see cref="Column"/> are the first one's.
/// </summary>
public sealed class ExpressionException : Exception
{
    public ExpressionException(IReadOnlyList<ExpressionError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    internal ExpressionException(ExpressionError error)
        : this([error])
    {
    }

    public IReadOnlyList<ExpressionError> Errors { get; }

    public ExpressionError Error => Errors[0];

    public ExpressionErrorCode Code => Error.Code;

    public int Column => Error.Column;

    private static string Describe(IReadOnlyList<ExpressionError> errors)
    {
        if (errors.Count == 0) throw new ArgumentException("an expression exception needs at least one error", nameof(errors));
        return errors.Count == 1 ? errors[0].ToString() : $"{errors[0]} (and {errors.Count - 1} more)";
    }
}
