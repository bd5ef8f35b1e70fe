namespace Switchboard.Telemetry.AccessLogFormats;

/// <summary>What is wrong with an access-log format; analyzers and tests key on this, not on the message text.</summary>
public enum LogFormatErrorCode
{
    /// <summary>A <c>%NAME%</c> that is not one of Envoy's command operators Switchboard renders.</summary>
    UnknownOperator,

    /// <summary>A <c>%</c> that starts an operator but never closes it, or an operator with stray characters.</summary>
    Malformed,

    /// <summary><c>%REQ%</c> without its header, or <c>%PROTOCOL(x)%</c> with an argument it does not take.</summary>
    WrongArgument,

    /// <summary>A <c>%START_TIME(…)%</c> specifier outside the supported strftime subset.</summary>
    UnsupportedTimeFormat,
}

/// <summary>One located problem in a format: <see cref="Column"/> is 1-based on <see cref="Line"/> (formats may span lines).</summary>
public sealed record LogFormatError(LogFormatErrorCode Code, string Message, int Offset, int Line, int Column)
{
    public static LogFormatError At(string text, int offset, LogFormatErrorCode code, string message)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            line++;
            lineStart = i + 1;
        }
        return new LogFormatError(code, message, offset, line, offset - lineStart + 1);
    }

    /// <summary><c>unknown command operator %FOO% at column 12</c>, or <c>… at line 2, column 3</c>.</summary>
    public override string ToString() => Line == 1 ? $"{Message} at column {Column}" : $"{Message} at line {Line}, column {Column}";
}

/// <summary>The format is invalid (a config error: the proxy NACKs the config that carries it).</summary>
public sealed class LogFormatException(IReadOnlyList<LogFormatError> errors)
    : FormatException("invalid access log format: " + string.Join("; ", errors))
{
    public IReadOnlyList<LogFormatError> Errors { get; } = errors;
}
