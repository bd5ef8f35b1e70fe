using System.Diagnostics.CodeAnalysis;
using System.Text;
using Switchboard.Telemetry.Expressions;
using Switchboard.Telemetry.Expressions.Checking;

namespace Switchboard.Telemetry.AccessLogFormats;

/// <summary>
/// An Envoy text access-log format (MeshConfig <c>extensionProviders[].envoyFileAccessLog.logFormat.text</c>), compiled
/// once when config is checked or installed and rendered per request from the request's attributes:
/// 1. text is literal except <c>%%</c> (a percent sign) and command operators <c>%NAME%</c>, <c>%NAME(ARG)%</c>,
///    <c>%NAME(ARG):N%</c> (<see cref="CommandOperator"/>; <c>REQ</c>/<c>RESP</c>/<c>TRAILER</c> take a header, <c>X?Y</c>
///    falling back to Y, <c>START_TIME</c> an optional strftime format, <c>:N</c> cuts the value to N characters);
/// 2. every problem is collected with its line and column (an unknown operator with a "did you mean");
/// 3. rendering appends each segment; absent values are <c>-</c>. A trailing newline in the format is dropped: the log
///    writes one line per request itself.
/// </summary>
public sealed class LogFormat
{
    /// <summary>Longest format accepted: bounded work per request.</summary>
    public const int MaxLength = 8192;

    private readonly IReadOnlyList<LogSegment> _segments;

    private LogFormat(IReadOnlyList<LogSegment> segments) => _segments = segments;

    public static LogFormat Parse(string text) => TryParse(text, out var format, out var errors) ? format : throw new LogFormatException(errors);

    public static bool TryParse(string text, [NotNullWhen(true)] out LogFormat? format, out IReadOnlyList<LogFormatError> errors)
    {
        var found = new List<LogFormatError>();
        var segments = new List<LogSegment>();
        if (text.Length > MaxLength) found.Add(LogFormatError.At(text, MaxLength, LogFormatErrorCode.Malformed, $"format longer than {MaxLength} characters"));
        var body = text.EndsWith('\n') ? text[..^1] : text;
        var literal = new StringBuilder();
        var i = 0;
        while (i < body.Length && found.Count < 20)
        {
            if (body[i] != '%')
            {
                literal.Append(body[i++]);
                continue;
            }
            if (i + 1 < body.Length && body[i + 1] == '%')
            {
                literal.Append('%');
                i += 2;
                continue;
            }
            var (segment, next) = Operator(text, body, i, found);
            if (segment is not null)
            {
                if (literal.Length > 0) segments.Add(new LogSegment { Literal = literal.ToString() });
                literal.Clear();
                segments.Add(segment);
            }
            i = next;
        }
        if (literal.Length > 0) segments.Add(new LogSegment { Literal = literal.ToString() });
        errors = found;
        format = found.Count == 0 ? new LogFormat(segments) : null;
        return format is not null;
    }

    /// <summary>The request's line (without the newline).</summary>
    public string Render(IAttributeSource source)
    {
        var line = new StringBuilder(128);
        foreach (var segment in _segments) segment.Render(source, line);
        return line.ToString();
    }

    /// <summary>Reads the operator starting at <paramref name="start"/> (a '%'); returns it (null when invalid) and where to go on.</summary>
    private static (LogSegment? Segment, int Next) Operator(string text, string body, int start, List<LogFormatError> errors)
    {
        var j = start + 1;
        while (j < body.Length && (char.IsAsciiLetterUpper(body[j]) || char.IsAsciiDigit(body[j]) || body[j] == '_')) j++;
        var name = body[(start + 1)..j];
        if (name.Length == 0)
        {
            errors.Add(LogFormatError.At(text, start, LogFormatErrorCode.Malformed, "a lone '%' starts no command operator (write %% for a percent sign)"));
            return (null, start + 1);
        }
        string? argument = null;
        var argumentAt = j + 1;
        if (j < body.Length && body[j] == '(')
        {
            // The argument ends at the ')' that closes the operator (a time format may itself hold parentheses).
            var (beforePercent, beforeLength) = (body.IndexOf(")%", j, StringComparison.Ordinal), body.IndexOf("):", j, StringComparison.Ordinal));
            var close = beforePercent < 0 ? beforeLength : beforeLength < 0 ? beforePercent : Math.Min(beforePercent, beforeLength);
            if (close < 0)
            {
                errors.Add(LogFormatError.At(text, start, LogFormatErrorCode.Malformed, $"command operator %{name}( is not closed with )%"));
                return (null, body.Length);
            }
            argument = body[(j + 1)..close];
            j = close + 1;
        }
        int? maxLength = null;
        if (j < body.Length && body[j] == ':')
        {
            var k = j + 1;
            while (k < body.Length && char.IsAsciiDigit(body[k])) k++;
            if (k == j + 1 || !int.TryParse(body.AsSpan(j + 1, k - j - 1), out var max))
            {
                errors.Add(LogFormatError.At(text, j, LogFormatErrorCode.Malformed, $"%{name}: ':' must be followed by a length"));
                // Resume after this operator's closing '%', so one mistake is one error.
                var end = body.IndexOf('%', k);
                return (null, end < 0 ? body.Length : end + 1);
            }
            maxLength = max;
            j = k;
        }
        if (j >= body.Length || body[j] != '%')
        {
            errors.Add(LogFormatError.At(text, start, LogFormatErrorCode.Malformed, $"command operator %{name} is not closed with %"));
            return (null, j);
        }
        var next = j + 1;
        if (CommandOperator.Find(name) is not { } op)
        {
            errors.Add(LogFormatError.At(text, start, LogFormatErrorCode.UnknownOperator,
                $"unknown command operator %{name}%{Suggestions.DidYouMean(name, CommandOperator.All.Select(o => o.Name))}"));
            return (null, next);
        }
        switch (op.Argument)
        {
            case OperatorArgument.None when argument is not null:
                errors.Add(LogFormatError.At(text, start, LogFormatErrorCode.WrongArgument, $"%{name}% takes no argument"));
                return (null, next);
            case OperatorArgument.Header when string.IsNullOrWhiteSpace(argument) || argument.Split('?') is not ({ Length: 1 } or { Length: 2 }) || argument.Split('?').Any(h => h.Length == 0):
                errors.Add(LogFormatError.At(text, start, LogFormatErrorCode.WrongArgument, $"%{name}% needs a header, e.g. %{name}(X-REQUEST-ID)% or %{name}(X-ENVOY-ORIGINAL-PATH?:PATH)%"));
                return (null, next);
            case OperatorArgument.Header:
                var headers = argument!.Split('?');
                return (new LogSegment { Operator = op, Header = Header(headers[0]), Alternative = headers.Length == 2 ? Header(headers[1]) : null, MaxLength = maxLength }, next);
            case OperatorArgument.TimeFormat when argument is not null:
                var count = errors.Count;
                var time = StartTimeFormat.Parse(argument, text, argumentAt, errors);
                return (errors.Count == count ? new LogSegment { Operator = op, Time = time, MaxLength = maxLength } : null, next);
            default:
                return (new LogSegment { Operator = op, MaxLength = maxLength }, next);
        }
    }

    private static HeaderRef Header(string name)
    {
        var lower = name.ToLowerInvariant();
        return new HeaderRef(lower, CommandOperator.PseudoHeader(lower));
    }
}
