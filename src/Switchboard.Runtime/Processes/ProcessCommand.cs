using System.Text;

namespace Switchboard.Runtime.Processes;

/// <summary>A program, its arguments (passed as a list, never through a shell) and the text fed to its standard input.</summary>
public sealed record ProcessCommand(string FileName, IReadOnlyList<string> Arguments, string? StandardInput = null)
{
    public ProcessCommand(string fileName, params string[] arguments) : this(fileName, (IReadOnlyList<string>)arguments) { }

    /// <summary>The command line as a user would type it in a POSIX shell (for dry runs and error messages).</summary>
    public string CommandLine => string.Join(' ', new[] { FileName }.Concat(Arguments).Select(Quote));

    /// <summary>The command line, and its standard input as a here-document when it has one: a dry run's output can be pasted into a shell.</summary>
    public override string ToString()
    {
        if (StandardInput is null) return CommandLine;
        var text = new StringBuilder(CommandLine).Append(" <<'EOF'\n").Append(StandardInput);
        if (!StandardInput.EndsWith('\n')) text.Append('\n');
        return text.Append("EOF").ToString();
    }

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";
}
